import CNCurses
import TerminalUI

/// ncurses' key codes and characters as `Key`s.
enum KeyDecoder {
    static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME, KEY_A1: .home
        case KEY_END, KEY_C1: .end
        case KEY_PPAGE, KEY_A3: .pageUp
        case KEY_NPAGE, KEY_C3: .pageDown
        case KEY_IC: .insert
        case KEY_DC: .delete
        case KEY_BACKSPACE: .backspace
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case cnc_key_f(1)...cnc_key_f(63): .function(Int(code - cnc_key_f(0)))
        default: modifiedKey(code) ?? .unknown(code)
        }
    }

    /// Shift, Alt or Ctrl with a cursor key (terminfo's kUP5, kRIT3, kDC6…) as the key itself.
    static func modifiedKey(_ code: Int32) -> Key? {
        guard let name = keyname(code).map({ String(cString: $0) }), name.hasPrefix("k") else { return nil }
        let base = name.dropFirst().prefix { $0.isLetter }
        return ["UP": .up, "DN": .down, "LFT": .left, "RIT": .right, "HOM": .home, "END": .end,
                "PRV": .pageUp, "NXT": .pageDown, "DC": .delete, "IC": .insert][String(base)]
    }

    /// A character read by `wget_wch`; `next` reads the key after an Esc without waiting.
    static func character(_ character: wint_t, next: () -> wint_t?) -> Event? {
        switch character {
        case 27:
            guard let following = next() else { return .key(.escape) }
            if following == 27 { return .key(.escape) }
            guard let scalar = Unicode.Scalar(following) else { return .key(.escape) }
            if scalar == "[" || scalar == "O", let key = escapeSequence(introducer: scalar, next: next) { return .key(key) }
            return .key(.alt(Character(scalar)))
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 0: return .key(.ctrl(" "))
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(character) + 96))))
        default:
            guard let scalar = Unicode.Scalar(character) else { return .key(.unknown(Int32(bitPattern: character))) }
            return .key(.char(Character(scalar)))
        }
    }

    /// A cursor or function key sequence that terminfo did not list for this TERM (terminals
    /// and multiplexers send the CSI and SS3 forms whatever TERM says): ESC [ A, ESC [ 5 ~,
    /// ESC O P… nil when it is none of these (then it was Alt-[ or Alt-O).
    static func escapeSequence(introducer: Unicode.Scalar, next: () -> wint_t?) -> Key? {
        var body = ""
        while body.count < 8, let code = next(), let scalar = Unicode.Scalar(code) {
            body.unicodeScalars.append(scalar)
            if (0x40...0x7E).contains(scalar.value) { break }
        }
        guard let final = body.last else { return nil }
        let parameters = body.dropLast().split(separator: ";").first.map(String.init) ?? ""
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P", "Q", "R", "S" where introducer == "O" || parameters == "1":
            return .function(Int(final.asciiValue! - Character("P").asciiValue!) + 1)
        case "~":
            switch Int(parameters) ?? 0 {
            case 1, 7: return .home
            case 2: return .insert
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case let number where functionKeyCodes[number] != nil: return .function(functionKeyCodes[number]!)
            default: return nil
            }
        default: return nil
        }
    }

    /// `ESC [ n ~` numbers of F1–F12.
    static let functionKeyCodes = [11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 17: 6, 18: 7, 19: 8, 20: 9, 21: 10, 23: 11, 24: 12]
}
