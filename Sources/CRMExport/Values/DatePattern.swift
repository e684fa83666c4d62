

/// An explicit date format such as `MM/dd/yyyy`, `dd.MM.yyyy HH:mm`, `yyyy-MM-dd'T'HH:mm:ssXXX`
/// (Unicode/Java pattern letters: y M d H h m s S a X Z; text in quotes is literal).
public struct DatePattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case year(digits: Int), month(digits: Int), monthName, day, hour24, hour12, minute, second, fraction, meridiem, zone
        case literal(Character)
    }

    let tokens: [Token]
    public let text: String

    public init?(_ text: String) {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var run = 1
            while index + run < characters.count && characters[index + run] == character { run += 1 }
            switch character {
            case "y": tokens.append(.year(digits: run == 2 ? 2 : 4))
            case "M": tokens.append(run >= 3 ? .monthName : .month(digits: run))
            case "d": tokens.append(.day)
            case "H": tokens.append(.hour24)
            case "h": tokens.append(.hour12)
            case "m": tokens.append(.minute)
            case "s": tokens.append(.second)
            case "S": tokens.append(.fraction)
            case "a": tokens.append(.meridiem)
            case "X", "Z", "x": tokens.append(.zone)
            case "'":
                run = 1
                var end = index + 1
                while end < characters.count && characters[end] != "'" { tokens.append(.literal(characters[end])); end += 1 }
                guard end < characters.count else { return nil }
                run = end - index + 1
            default:
                if character.isLetter { return nil }
                for _ in 0..<run { tokens.append(.literal(character)) }
            }
            index += run
        }
        guard tokens.contains(where: { if case .year = $0 { true } else { false } }) else { return nil }
        self.tokens = tokens
        self.text = text
    }

    public var hasTime: Bool { tokens.contains { $0 == .hour24 || $0 == .hour12 } }

    public func parse(_ value: String) -> ParsedDate? {
        var scanner = Scanner(Array(value.utf8))
        var year = 0, month = 1, day = 1
        var hour: Int?, minute = 0, second = 0
        var pm: Bool?
        var offset: Int?
        for token in tokens {
            switch token {
            case .year(let digits):
                guard let read = scanner.digits(), digits == 2 ? read.count == 2 : read.count == 4 else { return nil }
                year = digits == 2 ? (read.value < 70 ? 2000 + read.value : 1900 + read.value) : read.value
            case .month: guard let read = scanner.number(maxDigits: 2) else { return nil }; month = read
            case .monthName: guard let read = scanner.monthName() else { return nil }; month = read
            case .day: guard let read = scanner.number(maxDigits: 2) else { return nil }; day = read
            case .hour24, .hour12: guard let read = scanner.number(maxDigits: 2) else { return nil }; hour = read
            case .minute: guard let read = scanner.number(maxDigits: 2) else { return nil }; minute = read
            case .second: guard let read = scanner.number(maxDigits: 2) else { return nil }; second = read
            case .fraction: guard scanner.digits() != nil else { return nil }
            case .meridiem:
                scanner.skipSpaces()
                guard let letter = scanner.peek.map({ $0 | 0x20 }), letter == UInt8(ascii: "a") || letter == UInt8(ascii: "p") else { return nil }
                scanner.advance()
                guard scanner.peek.map({ $0 | 0x20 }) == UInt8(ascii: "m") else { return nil }
                scanner.advance()
                pm = letter == UInt8(ascii: "p")
            case .zone:
                guard let zone = scanner.zone() else { return nil }
                offset = zone
            case .literal(let character):
                if character == " " { scanner.skipSpaces(); continue }
                for byte in String(character).utf8 { guard scanner.take(byte) else { return nil } }
            }
        }
        scanner.skipSpaces()
        guard scanner.atEnd else { return nil }
        if let isPM = pm, let value = hour {
            guard (1...12).contains(value) else { return nil }
            hour = value % 12 + (isPM ? 12 : 0)
        }
        let date = ParsedDate(year: year, month: month, day: day, time: hour.map { ($0, minute, second) }, offsetSeconds: offset)
        return date.isValid ? date : nil
    }
}
