import TerminalUI

/// Keys that work on every screen (unless a text field has the focus).
public enum GlobalAction: Hashable, Sendable {
    case help, command, back, quit, forceQuit, redraw, settings, nextStep, previousStep, undo, redo, detail, filter
    case step(Step)
}

public enum GlobalKeys {
    public static let map = KeyMap<GlobalAction>("Everywhere", [
        KeyBinding([.char("?"), .function(1)], .help, hint: "help", help: "Show the keys of this screen"),
        KeyBinding([.char(":")], .command, hint: "go to", help: "Command line: :fields, :errors, :save, :theme NAME, :w writes, :wq, :q, :messages (Tab completes)"),
        KeyBinding([.escape], .back, help: "Close what is open, stop the profile, or go back"),
        KeyBinding([.char("/")], .filter, help: "Filter the list that has the focus: rows with a cell containing the text (Enter keeps it, Esc clears it)"),
        KeyBinding([.char(" ")], .detail, help: "Show the selected row whole: cells a table cuts, errors, samples"),
        KeyBinding([.char("u")], .undo, help: "Undo the last mapping edit (:undo)"),
        KeyBinding([.ctrl("r")], .redo, help: "Redo the edit undone last (:redo)"),
        KeyBinding([.char("q")], .quit, hint: "quit", help: "Quit (asks first when work would be lost)"),
        KeyBinding([.ctrl("c")], .forceQuit, help: "Quit at once; a running upload stops and resumes next time"),
        KeyBinding([.ctrl("l")], .redraw, help: "Redraw the screen"),
        KeyBinding([.function(2)], .settings, help: "Settings: theme, ASCII symbols, mouse"),
        KeyBinding([.alt("n"), .function(8)], .nextStep, help: "Next step"),
        KeyBinding([.alt("p"), .function(7)], .previousStep, help: "Previous step"),
    ] + Step.allCases.map { step in
        KeyBinding([.char(Character(String(step.rawValue + 1)))], .step(step), help: "Step \(step.rawValue + 1): \(step.title)")
    })
}
