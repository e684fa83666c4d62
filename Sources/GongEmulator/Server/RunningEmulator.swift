import Foundation

/// An emulator served by this process on a loopback port, for tests and for the built-in demo.
public final class RunningEmulator: @unchecked Sendable {
    public let core: EmulatorCore
    public let baseURL: String
    private let task: Task<Void, Error>

    private init(core: EmulatorCore, baseURL: String, task: Task<Void, Error>) {
        self.core = core
        self.baseURL = baseURL
        self.task = task
    }

    /// Starts serving `core` on `host` (a free port unless `port` is given) and returns once it listens.
    public static func start(core: EmulatorCore, host: String = "127.0.0.1", port: Int = 0) async throws -> RunningEmulator {
        let once = ResumeOnce()
        var serving: Task<Void, Error>?
        let bound: Int = try await withCheckedThrowingContinuation { continuation in
            once.set(continuation)
            serving = Task {
                do {
                    try await EmulatorServer.run(core: core, host: host, port: port, takesSignals: false) { port in once.resume(port) }
                } catch {
                    once.fail(error)
                    throw error
                }
            }
        }
        return RunningEmulator(core: core, baseURL: "http://\(host):\(bound)", task: serving!)
    }

    public func stop() { task.cancel() }

    private final class ResumeOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Int, Error>?
        func set(_ continuation: CheckedContinuation<Int, Error>) { lock.lock(); self.continuation = continuation; lock.unlock() }
        func resume(_ port: Int) { take()?.resume(returning: port) }
        func fail(_ error: Error) { take()?.resume(throwing: error) }
        private func take() -> CheckedContinuation<Int, Error>? {
            lock.lock()
            defer { continuation = nil; lock.unlock() }
            return continuation
        }
    }
}
