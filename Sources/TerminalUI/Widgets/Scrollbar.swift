/// A vertical scrollbar in one column: a thumb sized and placed by the visible share.
public enum Scrollbar {
    public static func render(in rect: Rect, into buffer: inout ScreenBuffer, count: Int, offset: Int, visible: Int, context: RenderContext) {
        guard rect.height > 0, count > visible else { return }
        let track = rect.height
        let thumb = max(1, track * visible / count)
        let position = count - visible == 0 ? 0 : (track - thumb) * offset / (count - visible)
        for row in 0..<track {
            let inThumb = row >= position && row < position + thumb
            buffer.write(inThumb ? context.symbols.scrollThumb : context.symbols.scrollTrack, x: rect.x, y: rect.y + row,
                         style: inThumb ? context[.border].adding(.bold) : context[.muted])
        }
    }
}
