import TerminalUI

/// What a step shows before an export or a mapping is open.
public struct NoMappingScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case newMapping, openFile }

    public static let keyMap = KeyMap<Action>("Steps before a mapping is open", [
        KeyBinding([.char("n")], .newMapping, hint: "new mapping", help: "New mapping from an export"),
        KeyBinding([.char("o")], .openFile, hint: "open file", help: "Open a mapping file"),
    ])

    public var step: Step

    public init(step: Step) { self.step = step }

    public var location: String { step.title }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        app.effects.append(action == .newMapping ? .newMapping : .chooseMappingFile)
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        let inside = Panel.render(in: area, into: &buffer, title: step.title, focused: true, context: context)
        let lines = ["No mapping is open yet.", "", "n   start a new mapping from an export", "o   open a mapping file", "Esc back to the start screen"]
        for (index, line) in lines.enumerated() {
            buffer.write(line, x: inside.x + 2, y: inside.y + 1 + index, style: context[index == 0 ? .title : .text], maxX: inside.maxX)
        }
    }
}
