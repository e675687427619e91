import Foundation

/// A position in a source file, 1-based, with columns counted in Unicode scalars (as libyaml does).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Line number starting from 1.
    public let line: Int
    /// Column number starting from 1, counted in Unicode scalars.
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A file's path and text, shared by every node read from it so errors can quote the source line.
public final class SourceFile: Sendable, Hashable {
    /// The path as the user gave it (or `<stdin>`); used verbatim in messages.
    public let path: String
    /// The decoded text.
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The text of a 1-based line, without its line break, or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let nl = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) else { return nil }
            start = text.index(after: nl)
            current += 1
        }
        let end = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? text.endIndex
        return String(text[start..<end])
    }

    public static func == (a: SourceFile, b: SourceFile) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A range of source text: where a node, key or error starts and ends in which file.
public struct SourceSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let file: SourceFile
    public let start: Mark
    public let end: Mark

    public init(file: SourceFile, start: Mark, end: Mark) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// `path:line:column`, the form editors and CI annotations understand.
    public var description: String { "\(file.path):\(start.line):\(start.column)" }

    public static func < (a: SourceSpan, b: SourceSpan) -> Bool {
        (a.file.path, a.start) < (b.file.path, b.start)
    }
}
