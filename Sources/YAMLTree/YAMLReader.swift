internal import CLibYAML
import Foundation

/// One YAML document of a file: its root node and where it starts.
public struct YAMLDocument: Sendable {
    /// 1-based position of the document within its file.
    public let index: Int
    public let root: Node

    public init(index: Int, root: Node) {
        self.index = index
        self.root = root
    }
}

/// Reads YAML text into documents through libyaml's event parser, strictly: duplicate keys,
/// unknown anchors, bad bytes and oversize input are errors, and alias expansion is bounded.
public enum YAMLReader {
    /// Reads a file from disk; the path is kept as given for messages. The file is stat-ed first:
    /// anything but a regular file within the size limit is refused without being read.
    public static func read(path: String, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLDocument] {
        let bytes = try FileInput.read(path: path, limit: limits.maxBytes)
        return try read(bytes: bytes, path: path, limits: limits)
    }

    /// Standard input, read once and at most one byte past the size limit (which `read(bytes:)`
    /// then reports), so an endless or huge stream cannot exhaust memory.
    public static func standardInputBytes(limits: YAMLLimits = .default) -> [UInt8] {
        FileInput.readStandardInput(limit: limits.maxBytes)
    }

    /// Reads YAML from bytes (a file's content or standard input).
    public static func read(bytes raw: [UInt8], path: String, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLDocument] {
        // A UTF-8 byte-order mark is allowed and dropped (libyaml, told the input is UTF-8, would
        // take it for content); editors do not count it in columns either.
        let bytes = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(raw.dropFirst(3)) : raw
        let file = try decode(bytes: bytes, path: path, limits: limits)
        var composer = Composer(file: file, bytes: bytes, limits: limits)
        return try composer.documents()
    }

    /// Runs libyaml's parser over the bytes and discards the events: the cost of YAML parsing
    /// alone, the baseline the benchmark compares a full check with. Returns the event count, or
    /// nil when the text does not parse.
    public static func countEvents(bytes: [UInt8]) -> Int? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return nil }
        defer { yaml_parser_delete(parser) }
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            yaml_parser_set_input_string(parser, buf.baseAddress, buf.count)
            var count = 0
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else { return nil }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { return count }
            }
        }
    }

    /// Checks size, encoding, binary content and UTF-8 before libyaml sees the bytes, to name the problem plainly.
    static func decode(bytes: [UInt8], path: String, limits: YAMLLimits) throws(YAMLError) -> SourceFile {
        let empty = SourceFile(path: path, text: "")
        let start = Mark(line: 1, column: 1)
        if bytes.count > limits.maxBytes {
            throw YAMLError(.tooLarge, "input is larger than the limit of \(FileInput.describe(bytes: limits.maxBytes)); it was not read",
                            file: empty, mark: start, help: "split the file into smaller files")
        }
        if let encoding = foreignEncoding(bytes) {
            throw YAMLError(.encoding, "file is \(encoding); govcheck reads UTF-8 only", file: empty, mark: start,
                            help: "save it as UTF-8 (in most editors: 'Save with encoding' or 'Reopen/Save as UTF-8')")
        }
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0 {
                throw YAMLError(.binary, "file contains a NUL byte; it looks binary, not YAML text",
                                file: empty, mark: Mark(line: line, column: column),
                                help: "pass only YAML text files (.yaml, .yml)")
            }
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && i + length <= bytes.count
            if valid {
                for k in 1..<max(length, 1) where bytes[i + k] & 0xC0 != 0x80 { valid = false }
            }
            if valid, length == 3 {
                let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                if v < 0x800 || (0xD800...0xDFFF).contains(v) { valid = false }
            }
            if valid, length == 4 {
                let v = (UInt32(b & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                    | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
                if v < 0x10000 || v > 0x10FFFF { valid = false }
            }
            guard valid else {
                throw YAMLError(.invalidUTF8, "invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true))",
                                file: empty, mark: Mark(line: line, column: column),
                                help: "save the file as UTF-8")
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.allSatisfy({ $0.isWhitespace }) {
            throw YAMLError(.empty, "file is empty", file: SourceFile(path: path, text: text), mark: start,
                            help: "write at least one YAML document, or remove the file",
                            zh: "文件为空", zhHelp: "至少写入一个 YAML 文档，或删除该文件")
        }
        return SourceFile(path: path, text: text)
    }

    /// Names UTF-16 and UTF-32 text, with or without a byte-order mark, following the YAML spec's
    /// detection (the first character is ASCII), confirmed by where the zero bytes fall.
    static func foreignEncoding(_ b: [UInt8]) -> String? {
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32 (big-endian, with a byte-order mark)" }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return "UTF-32 (little-endian, with a byte-order mark)" }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return "UTF-16 (big-endian, with a byte-order mark)" }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return "UTF-16 (little-endian, with a byte-order mark)" }
        let n = min(b.count, 1024) / 4 * 4
        guard n >= 4 else { return nil }
        var zeros = [0, 0, 0, 0]
        for i in 0..<n where b[i] == 0 { zeros[i % 4] += 1 }
        let quarter = Double(n / 4)
        let z = zeros.map { Double($0) / quarter }
        if b[0] == 0, b[1] == 0, b[2] == 0, b[3] != 0, z[0] > 0.9, z[1] > 0.9, z[3] < 0.1 { return "UTF-32 (big-endian, without a byte-order mark)" }
        if b[0] != 0, b[1] == 0, b[2] == 0, b[3] == 0, z[3] > 0.9, z[2] > 0.9, z[0] < 0.1 { return "UTF-32 (little-endian, without a byte-order mark)" }
        if b[0] == 0, b[1] != 0, z[0] > 0.3, z[2] > 0.3, z[1] < 0.05, z[3] < 0.05 { return "UTF-16 (big-endian, without a byte-order mark)" }
        if b[0] != 0, b[1] == 0, z[1] > 0.3, z[3] > 0.3, z[0] < 0.05, z[2] < 0.05 { return "UTF-16 (little-endian, without a byte-order mark)" }
        return nil
    }
}

/// A copy of the parts of a libyaml event the composer needs, so the C event is freed at once.
private struct Event {
    enum Kind { case streamStart, streamEnd, documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd }
    let kind: Kind
    let start: Mark
    let end: Mark
    var anchor: String?
    var tag: String?
    var value: String = ""
    var style: Scalar.Style = .plain
}

/// Builds nodes from libyaml events, resolving aliases within the limits.
private struct Composer {
    let file: SourceFile
    let bytes: [UInt8]
    let limits: YAMLLimits
    var anchors: [String: (node: Node, size: Int)] = [:]
    var expanded = 0
    /// Nodes built from the file so far (aliases excluded: they have their own budget).
    var nodes = 0

    init(file: SourceFile, bytes: [UInt8], limits: YAMLLimits) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
    }

    mutating func documents() throws(YAMLError) -> [YAMLDocument] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(.syntax, "libyaml could not start", file: file, mark: Mark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { buffer.deallocate() }
        _ = buffer.initialize(from: bytes)
        yaml_parser_set_input_string(parser, buffer.baseAddress, bytes.count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

        var docs: [YAMLDocument] = []
        var event = try next(parser)
        guard event.kind == .streamStart else { throw unexpected(event) }
        while true {
            event = try next(parser)
            if event.kind == .streamEnd { break }
            guard event.kind == .documentStart else { throw unexpected(event) }
            if docs.count == limits.maxDocuments {
                throw YAMLError(.tooManyDocuments, "file holds more than \(limits.maxDocuments) YAML documents; none of them were checked",
                                file: file, mark: event.start,
                                help: "split it into files of at most \(limits.maxDocuments) documents each")
            }
            anchors = [:]
            expanded = 0
            let first = try next(parser)
            let (root, _) = try node(first, parser, depth: 0)
            let endEvent = try next(parser)
            guard endEvent.kind == .documentEnd else { throw unexpected(endEvent) }
            docs.append(YAMLDocument(index: docs.count + 1, root: root))
        }
        if docs.isEmpty {
            throw YAMLError(.empty, "file holds no YAML document (only comments or blank lines)", file: file,
                            mark: Mark(line: 1, column: 1), help: "write at least one YAML document, or remove the file",
                            zh: "文件中没有 YAML 文档（只有注释或空行）", zhHelp: "至少写入一个 YAML 文档，或删除该文件")
        }
        return docs
    }

    func unexpected(_ e: Event) -> YAMLError {
        YAMLError(.syntax, "unexpected YAML event", file: file, mark: e.start)
    }

    /// Builds the node that starts with `event`; returns it with its expanded size in nodes.
    mutating func node(_ event: Event, _ parser: UnsafeMutablePointer<yaml_parser_t>, depth: Int) throws(YAMLError) -> (Node, Int) {
        if depth > limits.maxDepth {
            throw YAMLError(.tooDeep, "nesting is deeper than the limit of \(limits.maxDepth) levels", file: file,
                            mark: event.start, help: "flatten the structure")
        }
        if event.kind != .alias {
            nodes += 1
            if nodes > limits.maxNodes {
                throw YAMLError(.tooManyNodes, "file holds more than \(limits.maxNodes) YAML nodes; it was not checked", file: file,
                                mark: event.start, help: "split the file into smaller files")
            }
        }
        switch event.kind {
        case .alias:
            let name = event.anchor ?? ""
            guard let target = anchors[name] else {
                throw YAMLError(.unknownAnchor, "alias '*\(name)' refers to no anchor defined before it", file: file,
                                mark: event.start, help: "define '&\(name)' earlier in the same document")
            }
            expanded += target.size
            if expanded > limits.maxAliasExpansion {
                throw YAMLError(.aliasBudget,
                                "aliases expand to more than \(limits.maxAliasExpansion) nodes",
                                file: file, mark: event.start,
                                help: "write the content out, or use fewer nested aliases")
            }
            return (target.node, target.size)
        case .scalar:
            let n = Node(.scalar(Scalar(text: event.value, style: event.style, tag: event.tag)),
                         span: SourceSpan(file: file, start: event.start, end: event.end))
            if let a = event.anchor { anchors[a] = (n, 1) }
            return (n, 1)
        case .sequenceStart:
            var items: [Node] = []
            var size = 1
            while true {
                let e = try next(parser)
                if e.kind == .sequenceEnd {
                    let n = Node(.sequence(items), span: SourceSpan(file: file, start: event.start, end: e.end))
                    if let a = event.anchor { anchors[a] = (n, size) }
                    return (n, size)
                }
                let (child, childSize) = try node(e, parser, depth: depth + 1)
                items.append(child)
                size += childSize
            }
        case .mappingStart:
            var pairs: [Pair] = []
            var seen: [String: Mark] = [:]
            var size = 1
            while true {
                let k = try next(parser)
                if k.kind == .mappingEnd {
                    let n = Node(.mapping(pairs), span: SourceSpan(file: file, start: event.start, end: k.end))
                    if let a = event.anchor { anchors[a] = (n, size) }
                    return (n, size)
                }
                let (keyNode, _) = try node(k, parser, depth: depth + 1)
                guard let keyScalar = keyNode.scalar else {
                    throw YAMLError(.nonScalarKey, "mapping keys must be plain strings, not \(keyNode.kindDescription)",
                                    file: file, mark: k.start)
                }
                let key = keyScalar.text
                if key == "<<" && keyScalar.style == .plain {
                    throw YAMLError(.syntax, "merge keys ('<<') are not supported", file: file, mark: k.start,
                                    help: "write the keys out; a merge would hide which value is in force")
                }
                if let first = seen[key] {
                    throw YAMLError(.duplicateKey, "duplicate key '\(key)' in mapping", file: file, mark: k.start,
                                    help: "remove one of the two entries; a later value must not silently replace an earlier one",
                                    related: ("first defined here", first),
                                    zh: "映射中的键 '\(key)' 重复", zhHelp: "删除两处中的一处；后写的值不得悄然取代先写的值")
                }
                seen[key] = k.start
                let v = try next(parser)
                let (value, valueSize) = try node(v, parser, depth: depth + 1)
                pairs.append(Pair(key: key, keySpan: keyNode.span, value: value))
                size += valueSize + 1
            }
        default:
            throw unexpected(event)
        }
    }

    func next(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws(YAMLError) -> Event {
        var raw = yaml_event_t()
        guard yaml_parser_parse(parser, &raw) == 1 else {
            throw parserError(parser.pointee)
        }
        defer { yaml_event_delete(&raw) }
        let start = Mark(line: Int(raw.start_mark.line) + 1, column: Int(raw.start_mark.column) + 1)
        let end = Mark(line: Int(raw.end_mark.line) + 1, column: Int(raw.end_mark.column) + 1)
        func str(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let p else { return nil }
            return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        }
        switch raw.type {
        case YAML_STREAM_START_EVENT: return Event(kind: .streamStart, start: start, end: end)
        case YAML_STREAM_END_EVENT: return Event(kind: .streamEnd, start: start, end: end)
        case YAML_DOCUMENT_START_EVENT: return Event(kind: .documentStart, start: start, end: end)
        case YAML_DOCUMENT_END_EVENT: return Event(kind: .documentEnd, start: start, end: end)
        case YAML_ALIAS_EVENT:
            return Event(kind: .alias, start: start, end: end, anchor: str(raw.data.alias.anchor))
        case YAML_SCALAR_EVENT:
            let s = raw.data.scalar
            // Built from pointer and length: a scalar may hold NUL characters.
            let value = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(s.length)), as: UTF8.self) } ?? ""
            let style: Scalar.Style
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            return Event(kind: .scalar, start: start, end: end, anchor: str(s.anchor), tag: str(s.tag), value: value, style: style)
        case YAML_SEQUENCE_START_EVENT:
            return Event(kind: .sequenceStart, start: start, end: end, anchor: str(raw.data.sequence_start.anchor))
        case YAML_SEQUENCE_END_EVENT: return Event(kind: .sequenceEnd, start: start, end: end)
        case YAML_MAPPING_START_EVENT:
            return Event(kind: .mappingStart, start: start, end: end, anchor: str(raw.data.mapping_start.anchor))
        case YAML_MAPPING_END_EVENT: return Event(kind: .mappingEnd, start: start, end: end)
        default:
            throw YAMLError(.syntax, "unexpected YAML event", file: file, mark: start)
        }
    }

    func parserError(_ p: yaml_parser_t) -> YAMLError {
        let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        let mark = Mark(line: Int(p.problem_mark.line) + 1, column: Int(p.problem_mark.column) + 1)
        // libyaml names a tab only as "a character that cannot start any token"; say what it is.
        let line = file.line(mark.line)
        let scalars = line.map { Array($0.unicodeScalars.prefix(mark.column)) } ?? []
        let atTab = scalars.count == mark.column && scalars[mark.column - 1] == "\t"
        if atTab || problem.contains("tab character") {
            let indentation = scalars.prefix(mark.column - 1).allSatisfy { $0 == " " || $0 == "\t" }
            return YAMLError(.syntax, indentation ? "tab characters are not allowed for indentation; use spaces"
                                                  : "a tab character cannot start a value here; use spaces",
                             file: file, mark: mark, help: "YAML indents with spaces only; replace the tab with spaces",
                             zh: indentation ? "缩进不能使用制表符；请用空格" : "值不能以制表符开头；请用空格",
                             zhHelp: "YAML 只用空格缩进；请把制表符换成空格")
        }
        // libyaml gives up on a key without '?' after 1024 characters, as YAML says, and then
        // reports the ':' after it; name the key instead.
        if mark.column > 1025, problem.contains("mapping values are not allowed") || problem.contains("could not find expected ':'") {
            let before = scalars.prefix(mark.column - 1)
            let keyStart = before.firstIndex { $0 != " " && $0 != "-" } ?? 0
            let key = before[keyStart...]
            if key.count > 1024, !String(String.UnicodeScalarView(key)).contains(": ") {
                return YAMLError(.syntax, "a key longer than 1024 characters must be written as an explicit key ('? key')", file: file,
                                 mark: Mark(line: mark.line, column: keyStart + 1),
                                 help: "shorten the key (no fact name is that long), or write '? key' on one line and ': value' on the next")
            }
        }
        var message = problem
        if let context = p.context.map({ String(cString: $0) }) {
            let cm = Mark(line: Int(p.context_mark.line) + 1, column: Int(p.context_mark.column) + 1)
            if context == "while scanning a simple key", cm.line == mark.line, mark.column - cm.column > 1024 {
                return YAMLError(.syntax, "a key longer than 1024 characters must be written as an explicit key ('? key')", file: file,
                                 mark: cm, help: "shorten the key (no fact name is that long), or write '? key' on one line and ': value' on the next")
            }
            message = "\(context) at \(cm.line):\(cm.column): \(problem)"
        }
        // libyaml's own wording of the problem stays as it is, after a Chinese lead.
        return YAMLError(.syntax, message, file: file, mark: mark,
                         help: "fix the YAML syntax at this place (indentation, quoting, or a missing ':')",
                         zh: "YAML 语法错误：\(message)", zhHelp: "修正此处的 YAML 语法（缩进、引号，或缺少的 ':'）")
    }
}
