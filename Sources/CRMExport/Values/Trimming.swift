extension String {
    /// The text without leading and trailing white space (spaces, tabs, line breaks, no-break
    /// spaces). Returns the string itself, without copying, when there is nothing to trim.
    public var trimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first < 0x80 && first > 0x20 && last < 0x80 && last > 0x20 { return self }
        var slice = unicodeScalars[...]
        while let scalar = slice.first, scalar.properties.isWhitespace { slice.removeFirst() }
        while let scalar = slice.last, scalar.properties.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
