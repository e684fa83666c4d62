/// Numbers as a cell stores them (`<v>0.1</v>`), given as text the way a CSV export would hold them.
///
/// Never through `Double`: the digits stay the ones written (`0.1` stays `0.1`,
/// `12345678901234567890` keeps all twenty).
enum ExcelNumberText {
    /// Longest plain form written for a number in exponent notation; past it the stored text is kept.
    static let maxPlainLength = 40

    /// The stored text, with exponent notation written out when that is exact and short:
    /// `1E-3` → `0.001`, `-3.5E-2` → `-0.035`, `1.5E+300` stays as it is.
    static func text(_ stored: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        append(stored, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `text(stored)`, appended to `output` as valid UTF-8.
    static func append(_ stored: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        if let exponent = stored.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }),
           let plain = writtenOut(stored, exponentAt: exponent) {
            output.append(contentsOf: plain.utf8)
        } else {
            appendValidUTF8(stored, to: &output)
        }
    }

    private static func writtenOut(_ bytes: UnsafeBufferPointer<UInt8>, exponentAt exponentIndex: Int) -> String? {
        var index = 0
        var negative = false
        if index < exponentIndex && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        var integerDigits = 0
        var sawPoint = false
        while index < exponentIndex {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte)
                if !sawPoint { integerDigits += 1 }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard !digits.isEmpty else { return nil }

        index = exponentIndex + 1
        var exponentNegative = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            exponentNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count else { return nil }
        var exponent = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
            guard exponent <= 1_000 else { return nil }
            index += 1
        }
        if exponentNegative { exponent = -exponent }

        // The decimal point moves to after `pointPosition` digits (before the first when negative).
        let pointPosition = integerDigits + exponent
        guard pointPosition <= maxPlainLength && pointPosition >= -maxPlainLength else { return nil }
        var integerPart: [UInt8]
        var fraction: [UInt8]
        if pointPosition <= 0 {
            integerPart = [UInt8(ascii: "0")]
            fraction = [UInt8](repeating: UInt8(ascii: "0"), count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            integerPart = digits + [UInt8](repeating: UInt8(ascii: "0"), count: pointPosition - digits.count)
            fraction = []
        } else {
            integerPart = Array(digits[..<pointPosition])
            fraction = Array(digits[pointPosition...])
        }
        while integerPart.count > 1 && integerPart[0] == UInt8(ascii: "0") { integerPart.removeFirst() }
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        guard integerPart.count + fraction.count + 2 <= maxPlainLength else { return nil }

        var text: [UInt8] = []
        let isZero = integerPart == [UInt8(ascii: "0")] && fraction.isEmpty
        if negative && !isZero { text.append(UInt8(ascii: "-")) }
        text += integerPart
        if !fraction.isEmpty {
            text.append(UInt8(ascii: "."))
            text += fraction
        }
        return String(decoding: text, as: UTF8.self)
    }
}
