import Foundation

/// A bar with a label, the share done, and a detail such as a rate and the time left.
public struct ProgressBar: Sendable {
    public var label: String
    public var fraction: Double
    public var detail: String

    public init(label: String, fraction: Double, detail: String = "") {
        self.label = label
        self.fraction = min(1, max(0, fraction.isFinite ? fraction : 0))
        self.detail = detail
    }

    /// `label [█████░░░░░]  42%  detail` in `rect`'s first row; the bar takes what is left.
    public func render(in rect: Rect, into buffer: inout ScreenBuffer, labelWidth: Int? = nil, context: RenderContext) {
        guard rect.width > 0, rect.height > 0 else { return }
        let labelColumns = labelWidth ?? DisplayWidth.of(label)
        let percent = String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
        let detailText = detail.isEmpty ? "" : "  " + detail
        var x = buffer.write(DisplayWidth.pad(label, to: labelColumns, ellipsis: context.symbols.ellipsis) + " ", x: rect.x, y: rect.y, style: context[.text], maxX: rect.maxX)
        let barWidth = max(4, rect.maxX - x - 2 - 1 - DisplayWidth.of(percent) - DisplayWidth.of(detailText))
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        x = buffer.write("[", x: x, y: rect.y, style: context[.muted], maxX: rect.maxX)
        x = buffer.repeated(Character(context.symbols.barFull), count: filled, x: x, y: rect.y, style: context[.progressDone], maxX: rect.maxX)
        x = buffer.repeated(Character(context.symbols.barEmpty), count: barWidth - filled, x: x, y: rect.y, style: context[.progressTodo], maxX: rect.maxX)
        x = buffer.write("] ", x: x, y: rect.y, style: context[.muted], maxX: rect.maxX)
        x = buffer.write(percent, x: x, y: rect.y, style: context[.text], maxX: rect.maxX)
        buffer.write(detailText, x: x, y: rect.y, style: context[.muted], maxX: rect.maxX)
    }

    /// `1,234/s`.
    public static func rate(_ count: Double, per seconds: Double, unit: String = "/s") -> String {
        guard seconds > 0 else { return "–" }
        return (count / seconds).rounded().formatted(.number.grouping(.automatic)) + unit
    }

    /// `12 s`, `4:05`, `1:02:03` left.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return String(format: "%d:%02d", whole / 60, whole % 60) }
        return String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
    }
}
