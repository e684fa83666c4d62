import Synchronization

/// Messages from background work (profiling, validation, an upload) to the UI loop, which
/// drains it between key presses; posting never blocks and never touches the UI.
public final class Inbox<Message: Sendable>: Sendable {
    private let queue = Mutex<[Message]>([])

    public init() {}

    public func post(_ message: Message) { queue.withLock { $0.append(message) } }

    public func drain() -> [Message] { queue.withLock { messages in defer { messages.removeAll() }; return messages } }
}
