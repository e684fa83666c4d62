/// Text in one style; a line of text is a list of spans.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var width: Int { DisplayWidth.of(text) }
}

extension Array where Element == Span {
    public var width: Int { reduce(0) { $0 + $1.width } }
    public var plainText: String { map(\.text).joined() }
}
