/// The bottom row: where you are on the left, the main keys of this screen on the right (as many
/// as fit), or a message in their place.
public struct StatusBar: Sendable {
    public var location: String
    public var hints: [(keys: String, hint: String)]
    public var message: Span?

    public init(location: String, hints: [(keys: String, hint: String)], message: Span? = nil) {
        self.location = location
        self.hints = hints
        self.message = message
    }

    /// Hints from `keyMap` that fit beside the location in `width` columns.
    public init<Action>(location: String, keyMap: KeyMap<Action>, width: Int, ascii: Bool, message: Span? = nil) {
        let room = width - DisplayWidth.of(location) - 4
        self.init(location: location, hints: keyMap.hints(fitting: room, ascii: ascii), message: message)
    }

    public func render(in rect: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        guard rect.height > 0 else { return }
        let bar = context[.statusBar]
        buffer.writeLine(" " + location, in: rect, style: bar.adding(.bold))
        var spans: [Span] = []
        if let message {
            spans = [Span(message.text, style: bar.patched(with: message.style))]
        } else {
            for (index, hint) in hints.enumerated() {
                spans.append(Span(hint.keys, style: context[.statusKey]))
                spans.append(Span(" " + hint.hint + (index < hints.count - 1 ? "  " : ""), style: bar))
            }
        }
        let width = spans.width + 1
        let start = max(rect.x + DisplayWidth.of(location) + 3, rect.maxX - width)
        buffer.write(spans, x: start, y: rect.y, maxX: rect.maxX - 1)
    }
}
