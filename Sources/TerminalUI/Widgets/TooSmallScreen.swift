/// What shows instead of a screen when the terminal is smaller than the UI needs.
public enum TooSmallScreen {
    public static let minimum = Size(width: 80, height: 24)

    public static func render(size: Size, minimum: Size = minimum, context: RenderContext) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size, filling: Cell(" ", style: context[.text]))
        let lines = [
            "Terminal too small",
            "\(size.width)x\(size.height); gongmap needs \(minimum.width)x\(minimum.height).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let wrapped = DisplayWidth.truncate(line, to: size.width, ellipsis: context.symbols.ellipsis)
            buffer.write(wrapped, x: max(0, (size.width - DisplayWidth.of(wrapped)) / 2), y: top + index,
                         style: index == 0 ? context[.error] : context[.text])
        }
        return buffer
    }
}
