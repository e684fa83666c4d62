/// A terminal the UI loop draws to and reads from: ncurses in the app, `TestTerminal` in tests.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Sends the cells that differ from the last frame presented.
    func present(_ frame: ScreenBuffer)
    /// The next input, or nil after `timeoutMilliseconds` without any.
    func readEvent(timeoutMilliseconds: Int32) -> Event?
    /// Gives the terminal back as it was. Safe to call more than once.
    func shutdown()
}

/// A terminal in memory: scripted events in, presented frames kept, for tests of the UI loop and
/// of whole screens (what ratatui calls a TestBackend, Textual a Pilot).
public final class TestTerminal: TerminalBackend {
    public var size: Size
    public private(set) var frames: [ScreenBuffer] = []
    public private(set) var isShutDown = false
    private var events: [Event]

    public init(size: Size, events: [Event] = []) {
        self.size = size
        self.events = events
    }

    public func send(_ event: Event) { events.append(event) }

    public func present(_ frame: ScreenBuffer) { frames.append(frame) }

    public func readEvent(timeoutMilliseconds: Int32) -> Event? {
        guard !events.isEmpty else { return nil }
        let event = events.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    public func shutdown() { isShutDown = true }
}
