/// The wizard's steps in one row: `1 Source › 2 Entities › 3 Fields …`, the current one marked,
/// finished ones checked. When names do not fit, steps other than the current show numbers only.
public struct StepBar: Sendable {
    public var steps: [String]
    public var current: Int
    public var done: Set<Int>
    /// Work running in the background (`upload 37%`), shown at the right end on every step.
    public var activity: String?

    public init(steps: [String], current: Int, done: Set<Int> = [], activity: String? = nil) {
        self.steps = steps
        self.current = current
        self.done = done
        self.activity = activity
    }

    public func render(in rect: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        guard rect.height > 0 else { return }
        let separator = context.symbols.isASCII ? " > " : " › "
        func label(_ index: Int, full: Bool) -> String {
            let mark = done.contains(index) && index != current ? context.symbols.check : ""
            return full || index == current ? "\(index + 1) \(steps[index])\(mark)" : "\(index + 1)\(mark)"
        }
        let activityText = activity.map { " \($0) " } ?? ""
        let room = rect.width - DisplayWidth.of(activityText)
        var labels = steps.indices.map { label($0, full: true) }
        if DisplayWidth.of(labels.joined(separator: separator)) > room { labels = steps.indices.map { label($0, full: false) } }
        buffer.writeLine("", in: rect, style: context[.text])
        if !activityText.isEmpty {
            buffer.write(activityText, x: rect.maxX - DisplayWidth.of(activityText), y: rect.y, style: context[.accent], maxX: rect.maxX)
        }
        var x = rect.x
        for (index, text) in labels.enumerated() {
            let role: ThemeRole = index == current ? .stepCurrent : done.contains(index) ? .stepDone : .stepTodo
            x = buffer.write(index == current ? " \(text) " : text, x: x, y: rect.y, style: context[role], maxX: rect.x + room)
            if index < labels.count - 1 { x = buffer.write(separator, x: x, y: rect.y, style: context[.muted], maxX: rect.x + room) }
        }
    }
}
