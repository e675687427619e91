import Foundation

/// Why a YAML file could not be read; every case carries the place, so the user can go to it.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable code per kind of problem, for tests and machine output.
    public enum Code: String, Sendable {
        case syntax = "yaml.syntax"
        case duplicateKey = "yaml.duplicate-key"
        case nonScalarKey = "yaml.non-scalar-key"
        case unknownAnchor = "yaml.unknown-anchor"
        case aliasBudget = "yaml.alias-budget"
        case tooDeep = "yaml.too-deep"
        case tooLarge = "yaml.too-large"
        case tooManyDocuments = "yaml.too-many-documents"
        case tooManyNodes = "yaml.too-many-nodes"
        case invalidUTF8 = "yaml.invalid-utf8"
        /// UTF-16 or UTF-32 text: named as such, not as binary.
        case encoding = "yaml.encoding"
        case binary = "yaml.binary"
        case empty = "yaml.empty"
        case unreadable = "io.unreadable"
        case notFound = "io.not-found"
        /// A folder, named pipe, device or socket: refused before it is opened for reading.
        case notRegularFile = "io.not-regular-file"
        case symlinkLoop = "io.symlink-loop"
    }

    public let code: Code
    public let message: String
    /// What the user can do about it.
    public let help: String?
    public let file: SourceFile
    public let mark: Mark
    /// A second place that matters (the first occurrence of a duplicate key).
    public let related: (message: String, mark: Mark)?
    /// The message and help in Chinese, for the common errors (`--lang zh`); nil elsewhere.
    public let zhMessage: String?
    public let zhHelp: String?

    public init(_ code: Code, _ message: String, file: SourceFile, mark: Mark, help: String? = nil,
                related: (message: String, mark: Mark)? = nil, zh: String? = nil, zhHelp: String? = nil) {
        self.code = code
        self.message = message
        self.help = help
        self.file = file
        self.mark = mark
        self.related = related
        self.zhMessage = zh
        self.zhHelp = zhHelp
    }

    public static func == (a: YAMLError, b: YAMLError) -> Bool {
        a.code == b.code && a.message == b.message && a.mark == b.mark && a.file.path == b.file.path
    }

    /// `path:line:col: error: message`, the compiler form.
    public var description: String {
        var s = "\(file.path):\(mark.line):\(mark.column): error: \(message)"
        if let related { s += "\n\(file.path):\(related.mark.line):\(related.mark.column): note: \(related.message)" }
        if let help { s += "\n  help: \(help)" }
        return s
    }
}

/// Bounds that keep a hostile or broken file from hanging or exhausting the process.
public struct YAMLLimits: Sendable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of collections.
    public var maxDepth: Int
    /// Most nodes that aliases may add to a document when expanded.
    public var maxAliasExpansion: Int
    /// Most YAML documents (`---` separated) in one file.
    public var maxDocuments: Int
    /// Most nodes (scalars, sequences, mappings, keys included) in one file, before aliases.
    public var maxNodes: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 64, maxAliasExpansion: Int = 10_000, maxDocuments: Int = 1_000,
                maxNodes: Int = 1_000_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocuments = maxDocuments
        self.maxNodes = maxNodes
    }

    public static let `default` = YAMLLimits()
}
