/// Which screen is shown.
public enum Route: Hashable, Sendable {
    case start
    case settings
    case choose(FileChooserScreen.Purpose)
    case step(Step)

    public var step: Step? {
        if case .step(let step) = self { return step }
        return nil
    }
}
