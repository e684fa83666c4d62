import CNCurses
import Dispatch
import Foundation
import Synchronization

/// Ctrl-C, SIGTERM and SIGHUP (an SSH connection that dropped) stop the UI loop, which then
/// gives the terminal back and exits with 128 + the signal. Crashes leave curses mode before
/// Swift's backtracer reports them. Resize and Ctrl-Z are left to ncurses, which handles them.
public final class SignalWatcher {
    private final class Flag: Sendable {
        let value = Atomic<Int32>(0)
    }

    private let received = Flag()
    private let sources: [any DispatchSourceSignal]

    public init(_ signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        let received = received
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { received.value.store(number, ordering: .relaxed) }
            source.resume()
            return source
        }
        Self.installCrashRestore()
    }

    /// The signal that arrived, if any.
    public var pending: Int32? {
        let value = received.value.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Leaves curses mode on a crash, then lets the previous handler (Swift's backtracer) report
    /// it on the normal screen.
    private static func installCrashRestore() {
        for number in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { number, info, _ in
                endwin()
                sigaction(number, previousCrashActions + Int(number), nil)
                // A fault returns and faults again, reaching the previous handler in the context
                // that crashed. A signal that was sent (abort(), kill) would not come back: the
                // previous handler runs here and now, then the signal's default action ends us.
                guard let info, info.pointee.si_code <= 0 else { return }
                var unblocked = sigset_t()
                sigemptyset(&unblocked)
                sigaddset(&unblocked, number)
                pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
                raise(number)
                signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            sigaction(number, &action, previousCrashActions + Int(number))
        }
    }
}

/// The handlers that were there before, in storage a signal handler may read (allocated once,
/// before any handler is installed).
nonisolated(unsafe) private let previousCrashActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
