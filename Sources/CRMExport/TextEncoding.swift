/// The character encodings gongmap reads. Everything is turned into UTF-8 before parsing.
public enum TextEncoding: String, Sendable, Hashable, Codable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case windows1252 = "Windows-1252"

    /// Bytes of the byte-order mark that `head` starts with, to skip: UTF-16 may come without one.
    public func bomLength(of head: some Collection<UInt8>) -> Int {
        switch self {
        case .utf8WithBOM: 3
        case .utf16LittleEndian: head.starts(with: [0xFF, 0xFE]) ? 2 : 0
        case .utf16BigEndian: head.starts(with: [0xFE, 0xFF]) ? 2 : 0
        case .utf8, .windows1252: 0
        }
    }

    /// Wraps a raw stream so that it yields UTF-8.
    func utf8Stream(over raw: any ByteStream) -> any ByteStream {
        switch self {
        case .utf8, .utf8WithBOM: raw
        case .utf16LittleEndian: UTF16ToUTF8Stream(raw, bigEndian: false)
        case .utf16BigEndian: UTF16ToUTF8Stream(raw, bigEndian: true)
        case .windows1252: Windows1252ToUTF8Stream(raw)
        }
    }
}

/// Decides the encoding from the first bytes of a file.
public enum EncodingDetector {
    public enum Verdict: Sendable, Hashable {
        case text(TextEncoding)
        case binary(offset: Int)
        case empty
    }

    public static func detect(_ head: [UInt8]) -> Verdict {
        if head.isEmpty { return .empty }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return head.count == 3 ? .empty : .text(.utf8WithBOM) }
        if head.starts(with: [0xFF, 0xFE]) { return .text(.utf16LittleEndian) }
        if head.starts(with: [0xFE, 0xFF]) { return .text(.utf16BigEndian) }
        if let encoding = utf16WithoutBOM(head) { return .text(encoding) }
        if let offset = binaryOffset(head) { return .binary(offset: offset) }
        return .text(isValidUTF8Prefix(head) ? .utf8 : .windows1252)
    }

    /// UTF-16 text without a BOM shows a zero in every other byte of ASCII-heavy text.
    static func utf16WithoutBOM(_ head: [UInt8]) -> TextEncoding? {
        let sample = head.prefix(4096)
        guard sample.count >= 8 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = sample.count / 2
        if oddZeros > half * 7 / 10 && evenZeros == 0 { return .utf16LittleEndian }
        if evenZeros > half * 7 / 10 && oddZeros == 0 { return .utf16BigEndian }
        return nil
    }

    /// A NUL, or more than 1 in 10 bytes being control characters other than tab/CR/LF/FF, means binary.
    static func binaryOffset(_ head: [UInt8]) -> Int? {
        var controls = 0
        for (index, byte) in head.enumerated() {
            if byte == 0 { return index }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { controls += 1 }
        }
        return controls * 10 > head.count ? 0 : nil
    }

    /// Valid UTF-8, allowing a multi-byte sequence cut off at the end of the sample.
    static func isValidUTF8Prefix(_ head: [UInt8]) -> Bool {
        var end = head.count
        var back = 0
        while back < 3 && end > 0 && head[end - 1] & 0xC0 == 0x80 { end -= 1; back += 1 }
        if end > 0 && head[end - 1] >= 0xC0 { end -= 1 }
        return head.withUnsafeBufferPointer { UTF8Validation.isValid(UnsafeBufferPointer(rebasing: $0[..<end])) }
    }
}
