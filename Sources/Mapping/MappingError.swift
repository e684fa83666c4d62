/// A problem in a mapping file, with its place and what to do.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// Further problems found in the same pass; the mapping is fixed in one round, not one per run.
    public var others: [MappingError] = []

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The same error at `place` when it has none of its own.
    public func placed(at place: MappingPlace?) -> MappingError {
        guard line == 0, let place else { return self }
        return MappingError(file: file, line: place.line, column: place.column, message: message)
    }

    /// One error for all of `errors` (the first, carrying the rest), or nil when there are none.
    public static func combined(_ errors: [MappingError]) -> MappingError? {
        guard var first = errors.first else { return nil }
        first.others = Array(errors.dropFirst())
        return first
    }

    public var all: [MappingError] {
        var single = self
        single.others = []
        return [single] + others
    }

    public var description: String {
        guard others.isEmpty else { return "\(others.count + 1) problems in the mapping:\n" + all.map(\.description).joined(separator: "\n") }
        return line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// Where something was written in the mapping file (1-based), so that a problem found later,
/// against the export, can name its line and column.
public struct MappingPlace: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
