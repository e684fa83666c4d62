/// A modal box: a title, a message wrapped to fit, and buttons. ←/→ or Tab pick a button, Enter
/// presses it, the first letter of a button presses it, Esc cancels.
public struct Dialog: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case pressed(Int)
        case cancelled
    }

    public var title: String
    public var message: String
    public var buttons: [String]
    public var selected: Int
    /// Draws the border in the error style, for choices that lose data.
    public var isDangerous: Bool

    public init(title: String, message: String, buttons: [String] = ["OK"], selected: Int = 0, isDangerous: Bool = false) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selected = selected
        self.isDangerous = isDangerous
    }

    /// A yes/no question; "No" is selected, so Enter does not do the risky thing by accident.
    public static func confirm(_ title: String, _ message: String, yes: String = "Yes", no: String = "No", isDangerous: Bool = false) -> Dialog {
        Dialog(title: title, message: message, buttons: [yes, no], selected: 1, isDangerous: isDangerous)
    }

    /// nil while the dialog stays open.
    public mutating func handle(_ key: Key) -> Outcome? {
        switch key {
        case .left, .backTab, .char("h"): selected = (selected + buttons.count - 1) % buttons.count
        case .right, .tab, .char("l"): selected = (selected + 1) % buttons.count
        case .enter: return .pressed(selected)
        case .escape: return .cancelled
        case .char(let character):
            if let index = buttons.firstIndex(where: { $0.lowercased().first == Character(character.lowercased()) }) { return .pressed(index) }
        default: break
        }
        return nil
    }

    public func render(in screen: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        let width = min(screen.width - 4, max(40, min(70, DisplayWidth.of(message) + 6)))
        let lines = TextWrap.lines(message, width: width - 4)
        let box = screen.centered(width: width, height: min(screen.height, lines.count + 5))
        buffer.fill(box, with: Cell(" ", style: context[.dialog]))
        let border = isDangerous ? context[.error] : context[.focusBorder]
        buffer.drawBox(box, style: border, symbols: context.symbols, title: title, titleStyle: border)
        for (index, line) in lines.prefix(max(0, box.height - 5)).enumerated() {
            buffer.write(line, x: box.x + 2, y: box.y + 2 + index, style: context[.dialog], maxX: box.maxX - 2)
        }
        let labels = buttons.map { "[ \($0) ]" }
        let total = labels.map(DisplayWidth.of).reduce(0, +) + 2 * (labels.count - 1)
        var x = box.x + max(2, (box.width - total) / 2)
        for (index, label) in labels.enumerated() {
            let style = index == selected ? context[.selection].adding(.bold) : context[.dialog]
            x = buffer.write(label, x: x, y: box.maxY - 2, style: style, maxX: box.maxX - 1) + 2
        }
    }
}
