/// What a cell's number format makes of its number: nothing (the number as stored), or a date or
/// time, which is how Excel tells a date from a number (both are stored as numbers).
enum NumberFormatKind: Sendable, Hashable {
    case general
    case date
    case dateTime
    case time
    /// Elapsed time (`[h]:mm:ss`): hours past 24 are kept.
    case duration
}

/// The part of `xl/styles.xml` a reader needs: for each cell style (`s="N"` indexes `cellXfs`), the
/// kind of its number format.
struct XLSXStyles: Sendable {
    let kinds: [NumberFormatKind]

    static let plain = XLSXStyles(kinds: [])

    func kind(ofStyle index: Int) -> NumberFormatKind {
        index >= 0 && index < kinds.count ? kinds[index] : .general
    }
}

enum NumberFormats {
    /// Built-in formats have no `<numFmt>` in the file; their ids are fixed by the standard
    /// (27–36 and 50–58 are the East Asian dates and times).
    static func builtInKind(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 27...31, 36, 50...54, 57, 58: .date
        case 18...21, 32...35, 45, 47, 55, 56: .time
        case 22: .dateTime
        case 46: .duration
        default: .general
        }
    }

    /// The kind of a custom format such as `yyyy-mm-dd hh:mm` or `[Red]#,##0.00`. Letters count
    /// only outside quoted text, `\x` and `_x` `*x` escapes and `[...]` (colours, conditions,
    /// locales), and only in the first section (the one for positive numbers). `m` is a month
    /// unless the format also has hours or seconds, where it is minutes.
    static func kind(ofFormatCode code: String) -> NumberFormatKind {
        let bytes = Array(code.utf8)
        var hasDate = false
        var hasTime = false
        var hasMonthOrMinute = false
        var elapsed = false
        var index = 0
        scanning: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: ";"):
                break scanning
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") { index += 1 }
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                index += 1
            case UInt8(ascii: "["):
                let open = index
                while index < bytes.count && bytes[index] != UInt8(ascii: "]") { index += 1 }
                let inside = bytes[(open + 1)..<min(index, bytes.count)].map { $0 | 0x20 }
                if let letter = inside.first, [UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s")].contains(letter),
                   inside.allSatisfy({ $0 == letter }) {
                    elapsed = true
                }
            default:
                switch byte | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "y"):
                    hasDate = true
                case UInt8(ascii: "h"), UInt8(ascii: "s"):
                    hasTime = true
                case UInt8(ascii: "m"):
                    hasMonthOrMinute = true
                case UInt8(ascii: "a") where matches("am/pm", bytes, at: index):
                    index += 4
                case UInt8(ascii: "g") where matches("general", bytes, at: index):
                    index += 6
                default:
                    break
                }
            }
            index += 1
        }
        if elapsed { return .duration }
        let date = hasDate || (hasMonthOrMinute && !hasTime)
        switch (date, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return .general
        }
    }

    /// Whether `bytes` spell `lowercased` at `index`, ignoring case.
    private static func matches(_ lowercased: StaticString, _ bytes: [UInt8], at index: Int) -> Bool {
        lowercased.withUTF8Buffer { expected in
            guard index + expected.count <= bytes.count else { return false }
            for offset in 0..<expected.count where bytes[index + offset] | 0x20 != expected[offset] | 0x20 {
                return false
            }
            return true
        }
    }
}

/// Reads `<numFmts>` and `<cellXfs>` of `xl/styles.xml`. (`<cellStyleXfs>` and the `<numFmt>` of
/// differential formats do not style cells directly and are left out.)
struct StylesHandler: XMLTokenHandler {
    private var customKinds: [Int: NumberFormatKind] = [:]
    private var cellFormatIds: [Int] = []
    private var inNumberFormats = false
    private var inCellFormats = false

    /// A `<numFmt>` may redefine a built-in id; the file's definition wins.
    var styles: XLSXStyles {
        XLSXStyles(kinds: cellFormatIds.map { customKinds[$0] ?? NumberFormats.builtInKind($0) })
    }

    mutating func startElement(_ element: XMLStartTag) throws {
        switch element.name {
        case "numFmts":
            inNumberFormats = true
        case "numFmt" where inNumberFormats:
            if let id = element.intValue(of: "numFmtId"), let code = element.value(of: "formatCode") {
                customKinds[id] = NumberFormats.kind(ofFormatCode: code)
            }
        case "cellXfs":
            inCellFormats = true
        case "xf" where inCellFormats:
            cellFormatIds.append(element.intValue(of: "numFmtId") ?? 0)
        default:
            break
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        switch name {
        case "numFmts": inNumberFormats = false
        case "cellXfs": inCellFormats = false
        default: break
        }
    }
}
