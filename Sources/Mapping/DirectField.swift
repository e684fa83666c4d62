import CRMExport
import GongCRM

/// How a field's value can be written straight from the row's bytes, without a String, for the
/// common cases: a column copied as text (optionally trimmed), an email, an ISO date or
/// datetime, a plain number, an allowed value. Anything else (and any value these cannot take
/// as it is) goes through the general conversion, which decides and explains.
///
/// Plain data (the allowed values are pointers owned by the `CompiledField`), so walking the
/// fields of every row copies it without counting references.
struct DirectField {
    enum Kind {
        case text
        case email
        case datetime
        case date
        case number
        case choice
    }

    let kind: Kind
    let column: Int
    /// `text` and `email`: trim ASCII white space.
    var trim = false
    /// `datetime`: a date without time is midnight in the mapping's zone (a `datetime`
    /// transform) rather than midnight UTC (plain conversion).
    var shiftDateOnly = false
    /// `choice`: the allowed values.
    var allowed: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>> = UnsafeBufferPointer(start: nil, count: 0)

    init?(source: BoundSource, transforms: [BoundTransform], kind: FieldKind, options: MappingOptions) {
        guard case .column(let column) = source else { return nil }
        self.column = column
        let simple: [Transform] = transforms.compactMap { if case .simple(let transform) = $0 { transform } else { nil } }
        let onlyTrim = simple.count == transforms.count && simple.allSatisfy { $0 == .trim }
        switch kind {
        case .string, .reference, .phone:
            guard onlyTrim else { return nil }
            self.kind = .text
            trim = !simple.isEmpty
        case .email:
            guard onlyTrim else { return nil }
            self.kind = .email
            trim = !simple.isEmpty
        case .datetime:
            switch transforms.count {
            case 0: self.kind = .datetime
            case 1:
                guard case .datetime(nil) = transforms[0] else { return nil }
                self.kind = .datetime
                shiftDateOnly = true
            default: return nil
            }
        case .date:
            guard transforms.isEmpty || transforms.count == 1 && { if case .date(nil) = transforms[0] { true } else { false } }() else { return nil }
            self.kind = .date
        case .number:
            guard options.decimalMark != .comma, simple.count == transforms.count,
                  simple.allSatisfy({ $0 == .number(.auto) || $0 == .number(.point) }) else { return nil }
            self.kind = .number
        case .enumeration(let values), .picklist(let values):
            guard transforms.isEmpty else { return nil }
            self.kind = .choice
            let list = UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: values.count)
            for (index, value) in values.enumerated() {
                let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: value.utf8.count)
                _ = bytes.initialize(from: value.utf8)
                list[index] = UnsafeBufferPointer(bytes)
            }
            allowed = UnsafeBufferPointer(list)
        default:
            return nil
        }
    }

    /// Frees the allowed values; by the field that owns this.
    func deallocate() {
        for value in allowed { value.deallocate() }
        allowed.deallocate()
    }

    /// Writes the JSON value for non-empty `bytes` (only checks them when not `writing`); false
    /// when the general conversion must decide.
    func write(_ bytes: UnsafeBufferPointer<UInt8>, zone: ZoneConverter, into line: ByteBuffer, writing: Bool) -> Bool {
        switch kind {
        case .text:
            guard let value = trim ? Self.trimmedASCII(bytes) : bytes, !value.isEmpty else { return false }
            // Damaged text is reported by the general conversion.
            if DirtyText.mayBeDirty(value) && DirtyText.damage(in: String(decoding: value, as: UTF8.self)) != nil { return false }
            if writing { LDJSONEncoder.appendString(bytes: value, to: line) }
        case .email:
            guard let value = trim ? Self.trimmedASCII(bytes) : bytes, !value.isEmpty, GongFormat.isEmail(bytes: value) else { return false }
            if writing { LDJSONEncoder.appendString(bytes: value, to: line) }
        case .datetime:
            guard let parsed = DateParser.isoFastPath(bytes), parsed.isValid else { return false }
            guard writing else { return true }
            line.append(UInt8(ascii: "\""))
            if let time = parsed.time, time.second < 60, parsed.offsetSeconds == 0 || (parsed.offsetSeconds == nil && zone.isUTC) {
                // Already UTC: Gong's form is the value's own date and time, without the fraction.
                line.write(20) { out in
                    out.update(from: bytes.baseAddress!, count: 19)
                    out[10] = UInt8(ascii: "T")
                    out[19] = UInt8(ascii: "Z")
                }
            } else if parsed.hasTime || shiftDateOnly {
                zone.timestamp(parsed).append(to: line)
            } else {
                CivilDate(year: parsed.year, month: parsed.month, day: parsed.day).append(to: line)
                line.append("T00:00:00Z")
            }
            line.append(UInt8(ascii: "\""))
        case .date:
            guard let parsed = DateParser.isoFastPath(bytes), parsed.isValid else { return false }
            guard writing else { return true }
            line.append(UInt8(ascii: "\""))
            CivilDate(year: parsed.year, month: parsed.month, day: parsed.day).append(to: line)
            line.append(UInt8(ascii: "\""))
        case .number:
            guard let plain = NumberParser.plainNumber(bytes) else { return false }
            guard writing else { return true }
            if let canonical = plain { line.append(canonical) } else { line.append(bytes) }
        case .choice:
            guard allowed.contains(where: { $0.elementsEqual(bytes) }) else { return false }
            if writing { LDJSONEncoder.appendString(bytes: bytes, to: line) }
        }
        return true
    }

    /// The string value written, for ids and references: nil for dates and numbers.
    func pickedText(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        switch kind {
        case .text, .email: trim ? Self.trimmedASCII(bytes) ?? bytes : bytes
        case .choice: bytes
        case .datetime, .date, .number: nil
        }
    }

    /// The bytes without ASCII white space at either end; nil when an end is not ASCII (the
    /// general conversion trims Unicode white space).
    static func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var start = 0, end = bytes.count
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        if start < end && (bytes[start] >= 0x80 || bytes[end - 1] >= 0x80) { return nil }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
}
