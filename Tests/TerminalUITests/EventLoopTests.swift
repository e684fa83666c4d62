import Testing
import TerminalUI

@Suite("Event loop")
struct EventLoopTests {
    final class Counter: Program {
        typealias Message = Int
        var count = 0
        var shouldQuit = false

        func update(_ event: Event) -> Bool {
            switch event {
            case .key(.char("+")): count += 1
            case .key(.char("q")): shouldQuit = true
            case .tick: return false
            default: return false
            }
            return true
        }

        func receive(_ message: Int) -> Bool {
            count += message
            return true
        }

        func view(size: Size) -> ScreenBuffer {
            var buffer = ScreenBuffer(size: size)
            buffer.write("count \(count)", x: 0, y: 0)
            return buffer
        }
    }

    @Test func drawsOnlyWhenSomethingChangedAndTakesMessagesFromBackgroundWork() {
        let program = Counter()
        let terminal = TestTerminal(size: Size(width: 12, height: 1), events: [.key(.char("+")), .key(.char("x")), .key(.char("+"))])
        let inbox = Inbox<Int>()
        inbox.post(40)
        EventLoop(program: program, terminal: terminal, inbox: inbox).run(untilIdle: true)
        #expect(terminal.frames.map { $0.lines()[0] } == ["count 40", "count 41", "count 42"], "x changed nothing: no frame")
        terminal.send(.key(.char("q")))
        #expect(EventLoop(program: program, terminal: terminal, inbox: inbox).run() == nil)
        #expect(program.shouldQuit)
    }

    @Test func aSignalStopsTheLoop() {
        let terminal = TestTerminal(size: Size(width: 12, height: 1))
        #expect(EventLoop(program: Counter(), terminal: terminal, inbox: Inbox()).run(stopRequested: { 15 }) == 15)
    }
}
