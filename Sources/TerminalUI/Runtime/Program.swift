/// An Elm-style program: a model changed only by `update`, and a pure `view`. The loop owns the
/// terminal; background work posts messages to the inbox, which `update` receives in order.
public protocol Program: AnyObject {
    associatedtype Message: Sendable

    /// Handles input; returns whether the screen needs redrawing.
    func update(_ event: Event) -> Bool
    /// Handles a message from background work; returns whether the screen needs redrawing.
    func receive(_ message: Message) -> Bool
    /// The frame for `size`.
    func view(size: Size) -> ScreenBuffer
    var shouldQuit: Bool { get }
}

/// Runs a program on a terminal until it quits or `stopRequested` says so (a signal arrived).
public struct EventLoop<P: Program> {
    public let program: P
    public let terminal: any TerminalBackend
    public let inbox: Inbox<P.Message>
    /// How often the loop wakes without input, to drain the inbox and tick.
    public var tickMilliseconds: Int32 = 100

    public init(program: P, terminal: any TerminalBackend, inbox: Inbox<P.Message>) {
        self.program = program
        self.terminal = terminal
        self.inbox = inbox
    }

    /// Returns the signal number that stopped it, or nil when the program quit.
    @discardableResult
    public func run(stopRequested: () -> Int32? = { nil }, untilIdle: Bool = false) -> Int32? {
        var dirty = true
        while !program.shouldQuit {
            if let signal = stopRequested() { return signal }
            for message in inbox.drain() where program.receive(message) { dirty = true }
            if dirty {
                terminal.present(program.view(size: terminal.size))
                dirty = false
            }
            if let event = terminal.readEvent(timeoutMilliseconds: tickMilliseconds) {
                if program.update(event) { dirty = true }
            } else {
                if untilIdle { return nil }
                if program.update(.tick) { dirty = true }
            }
        }
        return nil
    }
}
