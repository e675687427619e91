internal import CLibYAML
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the top of a file's first YAML document says, learnt by reading only as far as needed, so
/// that a folder scan can tell what a file is without reading (or building a tree of) all of it.
public struct FirstDocumentProbe: Sendable, Equatable {
    /// The shape of the first document's root.
    public enum Root: Sendable, Equatable {
        /// The file holds no document (empty, or only comments and blank lines).
        case noDocument
        case mapping
        /// Another shape: "a sequence", "a string", "null"…
        case other(String)
    }

    /// A top-level value: a scalar's text, or the shape of anything else.
    public enum Value: Sendable, Equatable {
        case scalar(String)
        case other(String)
    }

    public let root: Root
    /// The values of the keys asked for that were seen before the probe stopped.
    public let values: [String: Value]

    public init(root: Root, values: [String: Value]) {
        self.root = root
        self.values = values
    }

    /// The same answer, from a document already read whole.
    public init(document: YAMLDocument, keys: Set<String>) {
        guard let pairs = document.root.mapping else {
            self.init(root: .other(document.root.kindDescription), values: [:])
            return
        }
        var values: [String: Value] = [:]
        for p in pairs where keys.contains(p.key) {
            values[p.key] = p.value.scalar.map { .scalar($0.text) } ?? .other(p.value.kindDescription)
        }
        self.init(root: .mapping, values: values)
    }
}

extension YAMLReader {
    /// Reads `path` only as far as the first document's top-level `stopAt` key (or, without it, to
    /// the end of that document's root mapping), collecting the top-level values of `keys` met on
    /// the way. Returns nil whenever that much of the file cannot be read cleanly: not a regular
    /// file, unreadable, not UTF-8, a syntax error, or a limit passed. The caller then reads the
    /// whole file, which names the problem; a probe never decides on a file it could not read.
    public static func probeFirstDocument(path: String, keys: Set<String>, stopAt: String,
                                          limits: YAMLLimits = .default) -> FirstDocumentProbe? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        let input = ProbeInput(fd: fd, limit: limits.maxBytes)
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return nil }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        return withExtendedLifetime(input) {
            yaml_parser_set_input(parser, probeRead, Unmanaged.passUnretained(input).toOpaque())
            var walk = ProbeWalk(parser: parser, limits: limits)
            return walk.run(keys: keys, stopAt: stopAt)
        }
    }
}

/// libyaml's read callback: hands out the file's bytes through the `ProbeInput` behind `data`.
private let probeRead: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?) -> Int32 = {
    data, buffer, size, sizeRead in
    guard let data, let buffer, let sizeRead else { return 0 }
    return Unmanaged<ProbeInput>.fromOpaque(data).takeUnretainedValue().read(into: buffer, size: size, sizeRead: sizeRead)
}

/// The bytes of an open file as libyaml asks for them: the first chunk is checked for a UTF-8
/// byte-order mark (dropped, as the reader does) and for UTF-16/32 text (refused), and no more
/// than the size limit is ever handed out.
private final class ProbeInput {
    let fd: Int32
    let limit: Int
    var total = 0
    var pending: [UInt8] = []
    var started = false

    init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
    }

    /// Up to `want` bytes from the file; an empty array at its end; nil on a read error.
    func readFile(_ want: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: want)
        while true {
            let n = out.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, want) }
            if n >= 0 { return Array(out[0..<n]) }
            if errno != EINTR { return nil }
        }
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, size: Int, sizeRead: UnsafeMutablePointer<Int>) -> Int32 {
        if !started {
            started = true
            guard var first = readFile(1 << 14) else { return 0 }
            if first.starts(with: [0xEF, 0xBB, 0xBF]) { first.removeFirst(3) }
            if YAMLReader.foreignEncoding(first) != nil { return 0 }
            pending = first
        }
        var chunk: [UInt8]
        if !pending.isEmpty {
            chunk = Array(pending.prefix(size))
            pending.removeFirst(chunk.count)
        } else {
            guard let c = readFile(min(size, 1 << 16)) else { return 0 }
            chunk = c
        }
        total += chunk.count
        if total > limit { return 0 }
        chunk.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: chunk.count) }
        sizeRead.pointee = chunk.count
        return 1
    }
}

/// Walks libyaml events down the first document: its root, then the root mapping's keys, skipping
/// every value that is not asked for, bounded by the reader's depth and node limits.
private struct ProbeWalk {
    enum Kind { case streamStart, streamEnd, documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd }
    struct Event {
        let kind: Kind
        var text = ""
        var anchor: String?
        var style: Scalar.Style = .plain
        var tag: String?
    }
    struct Stop: Error {}

    let parser: UnsafeMutablePointer<yaml_parser_t>
    let limits: YAMLLimits
    var events = 0
    /// Anchored scalars, so that `apiVersion: *v` still reads; anchored collections map to their shape.
    var anchors: [String: FirstDocumentProbe.Value] = [:]

    init(parser: UnsafeMutablePointer<yaml_parser_t>, limits: YAMLLimits) {
        self.parser = parser
        self.limits = limits
    }

    mutating func run(keys: Set<String>, stopAt: String) -> FirstDocumentProbe? {
        do {
            guard try next().kind == .streamStart else { return nil }
            let start = try next()
            if start.kind == .streamEnd { return FirstDocumentProbe(root: .noDocument, values: [:]) }
            guard start.kind == .documentStart else { return nil }
            let root = try next()
            switch root.kind {
            case .mappingStart: break
            case .sequenceStart: return FirstDocumentProbe(root: .other("a sequence"), values: [:])
            case .scalar: return FirstDocumentProbe(root: .other(describe(root)), values: [:])
            default: return nil
            }
            var values: [String: FirstDocumentProbe.Value] = [:]
            while true {
                let k = try next()
                if k.kind == .mappingEnd { return FirstDocumentProbe(root: .mapping, values: values) }
                var key: String?
                if k.kind == .scalar { key = k.text } else { try skip(k, depth: 1) }
                let v = try next()
                if let key, keys.contains(key) || key == stopAt {
                    values[key] = try value(v)
                    if key == stopAt { return FirstDocumentProbe(root: .mapping, values: values) }
                } else {
                    try skip(v, depth: 1)
                }
            }
        } catch {
            return nil
        }
    }

    func describe(_ e: Event) -> String {
        Scalar(text: e.text, style: e.style, tag: e.tag).value.kindDescription
    }

    /// A value asked for: a scalar's text (through an alias too), else its shape (the node is skipped).
    mutating func value(_ e: Event) throws(Stop) -> FirstDocumentProbe.Value {
        switch e.kind {
        case .scalar: return .scalar(e.text)
        case .alias:
            guard let a = e.anchor, let v = anchors[a] else { throw Stop() }
            return v
        case .sequenceStart:
            try skip(e, depth: 1)
            return .other("a sequence")
        case .mappingStart:
            try skip(e, depth: 1)
            return .other("a mapping")
        default: throw Stop()
        }
    }

    /// Consumes the rest of the node that `e` starts.
    mutating func skip(_ e: Event, depth start: Int) throws(Stop) {
        guard e.kind == .sequenceStart || e.kind == .mappingStart else {
            if e.kind == .alias, anchors[e.anchor ?? ""] == nil { throw Stop() }
            return
        }
        var open: [Kind] = [e.kind]
        while let top = open.last {
            if start + open.count > limits.maxDepth { throw Stop() }
            let n = try next()
            switch n.kind {
            case .sequenceStart, .mappingStart: open.append(n.kind)
            case .sequenceEnd, .mappingEnd:
                guard (top == .sequenceStart) == (n.kind == .sequenceEnd) else { throw Stop() }
                open.removeLast()
            case .alias:
                if anchors[n.anchor ?? ""] == nil { throw Stop() }
            case .scalar: break
            default: throw Stop()
            }
        }
    }

    /// The next event, copied out of libyaml's; anchors are noted as they are defined.
    mutating func next() throws(Stop) -> Event {
        events += 1
        if events > limits.maxNodes { throw Stop() }
        var raw = yaml_event_t()
        guard yaml_parser_parse(parser, &raw) == 1 else { throw Stop() }
        defer { yaml_event_delete(&raw) }
        func str(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let p else { return nil }
            return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        }
        switch raw.type {
        case YAML_STREAM_START_EVENT: return Event(kind: .streamStart)
        case YAML_STREAM_END_EVENT: return Event(kind: .streamEnd)
        case YAML_DOCUMENT_START_EVENT: return Event(kind: .documentStart)
        case YAML_DOCUMENT_END_EVENT: return Event(kind: .documentEnd)
        case YAML_ALIAS_EVENT: return Event(kind: .alias, anchor: str(raw.data.alias.anchor))
        case YAML_SCALAR_EVENT:
            let s = raw.data.scalar
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(s.length)), as: UTF8.self) } ?? ""
            let style: Scalar.Style
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let e = Event(kind: .scalar, text: text, anchor: str(s.anchor), style: style, tag: str(s.tag))
            if let a = e.anchor { anchors[a] = .scalar(text) }
            return e
        case YAML_SEQUENCE_START_EVENT:
            let a = str(raw.data.sequence_start.anchor)
            if let a { anchors[a] = .other("a sequence") }
            return Event(kind: .sequenceStart, anchor: a)
        case YAML_SEQUENCE_END_EVENT: return Event(kind: .sequenceEnd)
        case YAML_MAPPING_START_EVENT:
            let a = str(raw.data.mapping_start.anchor)
            if let a { anchors[a] = .other("a mapping") }
            return Event(kind: .mappingStart, anchor: a)
        case YAML_MAPPING_END_EVENT: return Event(kind: .mappingEnd)
        default: throw Stop()
        }
    }
}
