/// A framed area with a title; its border shows whether it has the focus. Returns the inside.
public enum Panel {
    @discardableResult
    public static func render(in rect: Rect, into buffer: inout ScreenBuffer, title: String, focused: Bool, context: RenderContext) -> Rect {
        buffer.fill(rect, with: Cell(" ", style: context[.text]))
        buffer.drawBox(rect, style: context[focused ? .focusBorder : .border], symbols: context.symbols, title: title,
                       titleStyle: focused ? context[.focusBorder] : context[.title])
        return rect.inset(by: 1)
    }

    /// Two panes side by side (`ratio` percent for the left) or one above the other.
    public static func split(_ rect: Rect, axis: Rect.Axis, ratio: Int) -> (Rect, Rect) {
        let parts = rect.split(axis, [.percent(ratio), .fill()])
        return (parts[0], parts[1])
    }
}
