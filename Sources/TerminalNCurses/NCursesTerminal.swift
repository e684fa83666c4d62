import CNCurses
import Foundation
import TerminalUI

/// Why the terminal could not be opened; the app prints it and exits with 2.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)
    case cannotAddressCursor(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "this screen needs a terminal (stdin and stdout are not one); for scripts and cron use the commands: gongmap validate, plan, upload, status"
        case .unknownTerminal(let term):
            "the terminal type TERM=\(term) is unknown here; try TERM=xterm-256color (or screen, linux, vt100)"
        case .cannotAddressCursor(let term):
            "the terminal type TERM=\(term) cannot move the cursor, which a full-screen program needs; try TERM=xterm-256color (or vt100), or use the commands: gongmap validate, plan, upload, status"
        }
    }
}

/// The ncurses backend: the only code that talks to the terminal. It opens the terminal with
/// `newterm` (which fails instead of exiting), sends only the cells that changed, decodes keys
/// and mouse reports, and gives the terminal back on `shutdown`.
public final class NCursesTerminal: TerminalBackend {
    public struct Options: Sendable {
        public var mouse = true
        /// Overrides the detected colour depth (`--color`, `--no-color`, NO_COLOR).
        public var colorDepth: ColorDepth?
        public var escapeDelayMilliseconds: Int32 = 25

        public init() {}
    }

    private let window: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer
    private var previous: ScreenBuffer?
    private var pending: [Event] = []
    private var pairs: [PairKey: Int32] = [:]
    public let colorDepth: ColorDepth
    public private(set) var isOpen = true

    private struct PairKey: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }

    /// Opens `termName` (nil: `$TERM`) on stdin/stdout, or on the given files (tests).
    public init(termName: String? = nil, output: UnsafeMutablePointer<FILE>? = nil, input: UnsafeMutablePointer<FILE>? = nil,
                options: Options = Options(), environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if output == nil, isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 { throw TerminalError.notATerminal }
        Self.useUTF8Locale()
        let term = termName ?? environment["TERM"] ?? ""
        guard !term.isEmpty, let out = output ?? fdopen(STDOUT_FILENO, "w"), let inp = input ?? fdopen(STDIN_FILENO, "r"),
              let opened = newterm(term, out, inp) else { throw TerminalError.unknownTerminal(term.isEmpty ? "(unset)" : term) }
        guard cnc_can_address_cursor() != 0 else {
            endwin()
            delscreen(opened)
            throw TerminalError.cannotAddressCursor(term)
        }
        screen = opened
        window = cnc_stdscr()
        set_escdelay(options.escapeDelayMilliseconds)
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        curs_set(0)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(cnc_colors())
        }
        colorDepth = options.colorDepth ?? ColorDepth.detect(environment: environment, terminfoColors: colors)
        setMouse(options.mouse)
    }

    /// ncurses draws non-ASCII only in a UTF-8 locale: take the user's, or C.UTF-8 when the
    /// user's is not UTF-8 (LANG=C over SSH is common).
    static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        if String(cString: cnc_codeset()) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    public var size: Size { Size(width: Int(getmaxx(window)), height: Int(getmaxy(window))) }

    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        mousemask(0, nil)
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    public func present(_ frame: ScreenBuffer) {
        if previous?.size != frame.size { werase(window) }
        for change in frame.diff(from: previous) {
            let style = change.cell.style.lowered(to: colorDepth)
            var text = change.cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            text.append(0)
            // The bottom-right cell answers ERR (the cursor cannot move past it) but is drawn.
            _ = cnc_put_cell(window, Int32(change.y), Int32(change.x), text, attributes(style), pair(style))
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    /// Turns mouse capture on or off (off gives the terminal's own selection, copy and paste).
    public func setMouse(_ on: Bool) {
        mousemask(on ? cnc_mouse_events() : 0, nil)
        if on { mouseinterval(0) }
    }

    /// Forgets what the terminal shows, so the next frame is drawn whole (after a resize or a
    /// return from Ctrl-Z).
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    private func attributes(_ style: Style) -> attr_t {
        var result: attr_t = 0
        if style.attributes.contains(.bold) { result |= cnc_a_bold() }
        if style.attributes.contains(.dim) { result |= cnc_a_dim() }
        if style.attributes.contains(.italic) { result |= cnc_a_italic() }
        if style.attributes.contains(.underline) { result |= cnc_a_underline() }
        if style.attributes.contains(.reverse) { result |= cnc_a_reverse() }
        return result
    }

    private func pair(_ style: Style) -> Int32 {
        let key = PairKey(foreground: style.foreground, background: style.background)
        if key.foreground == .default, key.background == .default { return 0 }
        if let known = pairs[key] { return known }
        let allocated = colorDepth == .none ? 0 : max(0, alloc_pair(Self.index(key.foreground), Self.index(key.background)))
        pairs[key] = allocated
        return allocated
    }

    /// ncurses' colour number: -1 is the terminal's default. True colour is drawn as the nearest
    /// of 256, which every terminal with more than 256 colours shows.
    private static func index(_ color: TerminalColor) -> Int32 {
        switch color {
        case .default: -1
        case .ansi(let index), .indexed(let index): Int32(index)
        case .rgb: index(color.lowered(to: .indexed256))
        }
    }

    public func readEvent(timeoutMilliseconds: Int32) -> Event? {
        if !pending.isEmpty { return pending.removeFirst() }
        wtimeout(window, timeoutMilliseconds)
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return decodeKeyCode(Int32(bitPattern: character)) }
        return KeyDecoder.character(character) { [window] in
            // Esc alone, or Alt with the next key (which arrives at once).
            wtimeout(window, 0)
            var next: wint_t = 0
            return wget_wch(window, &next) == OK ? next : nil
        }
    }

    private func decodeKeyCode(_ code: Int32) -> Event? {
        switch code {
        case KEY_RESIZE:
            invalidate()
            return .resize(size)
        case KEY_MOUSE:
            // Reports that arrive in one read give one KEY_MOUSE, and getmouse returns the newest
            // first: drain them and replay them oldest first.
            var batch: [MEVENT] = []
            var report = MEVENT()
            while batch.count < 16, getmouse(&report) == OK { batch.append(report) }
            let events = batch.reversed().compactMap(Self.mouseEvent)
            guard let first = events.first else { return nil }
            pending.append(contentsOf: events.dropFirst())
            return first
        default:
            return KeyDecoder.keyCode(code).map(Event.key)
        }
    }

    private static func mouseEvent(_ report: MEVENT) -> Event? {
        let state = report.bstate
        let kind: Mouse.Kind
        if state & cnc_button_pressed(4) != 0 {
            kind = .wheelUp
        } else if state & cnc_button_pressed(5) != 0 {
            kind = .wheelDown
        } else if let button = (1...3).first(where: { state & cnc_button_pressed(Int32($0)) != 0 }) {
            kind = .press(button)
        } else if let button = (1...3).first(where: { state & cnc_button_released(Int32($0)) != 0 }) {
            kind = .release(button)
        } else {
            return nil
        }
        return .mouse(Mouse(x: Int(report.x), y: Int(report.y), kind: kind))
    }
}
