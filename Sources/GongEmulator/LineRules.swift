import Foundation
import GongCRM

/// What Gong checks in each line of an uploaded file, as the documentation states it
/// (gong-crm-api.md §3, §5). Written independently of gongmap's own validator, so that tests
/// against the emulator catch mistakes in the client.
struct LineRules {
    let type: EntityType
    /// Custom fields of the type's schema, by uniqueName (deleted ones left out).
    let schema: [String: GongAPI.SchemaField]
    let strictObjectIds: Bool

    /// The problem with one line, or nil; `object` is the parsed record when the line is JSON.
    func problem(in object: [String: Any]) -> String? {
        guard let id = object["objectId"] as? String, !id.isEmpty else { return "Mandatory field [objectId] is missing or empty" }
        if id.count > 64 { return "Field [objectId] is longer than 64 characters" }
        if !Self.isAllowedId(id, strict: strictObjectIds) {
            return "Field [objectId] may contain only letters, digits and '-', or be an email address"
        }
        let deleted = object["isDeleted"] as? Bool == true
        if type != .stage {
            guard let modified = object["modifiedDate"] as? String, !modified.isEmpty else { return "Mandatory field [modifiedDate] is missing or empty" }
            if !GongFormat.isDatetime(modified) { return "Field [modifiedDate] must be an ISO-8601 date-time with seconds, without milliseconds" }
        } else if let modified = object["modifiedDate"], !((modified as? String).map(GongFormat.isDatetime) ?? false) {
            return "Field [modifiedDate] must be an ISO-8601 date-time with seconds, without milliseconds"
        }
        for flag in ["isDeleted", "isActive"] where object[flag] != nil && !Self.isBool(object[flag]!) {
            return "Field [\(flag)] must be a boolean"
        }
        if let url = object["url"], !((url as? String).map(GongFormat.isURL) ?? false) { return "Field [url] must be an absolute http(s) URL" }
        switch type {
        case .businessUser:
            if !deleted {
                guard let email = object["emailAddress"] as? String, !email.isEmpty else { return "Mandatory field [emailAddress] is missing or empty" }
                if !GongFormat.isEmail(email) { return "Field [emailAddress] is not a valid email address" }
            }
        case .stage:
            guard let name = object["name"] as? String, !name.isEmpty else { return "Mandatory field [name] is missing or empty" }
            if let order = object["sortOrder"] {
                guard let number = order as? NSNumber, !Self.isBool(order), number.doubleValue == number.doubleValue.rounded(), number.intValue >= 1 else {
                    return "Field [sortOrder] must be an integer of 1 or more"
                }
            }
        case .account:
            if let name = object["name"], !(name is String) { return "Field [name] must be a string" }
            if let domains = object["domains"], !(domains is [String]) { return "Field [domains] must be an array of strings" }
        case .deal:
            if let status = object["status"], !["WON", "LOST", "OPEN"].contains(status as? String ?? "") { return "Field [status] must be one of WON, LOST, OPEN" }
            if let amount = object["amount"], !Self.isNumber(amount) { return "Field [amount] must be a number" }
            if let close = object["closeDate"], !((close as? String).map(GongFormat.isDate) ?? false) { return "Field [closeDate] must be a date YYYY-MM-DD" }
            if let created = object["createdDate"], !((created as? String).map(GongFormat.isDatetime) ?? false) {
                return "Field [createdDate] must be an ISO-8601 date-time with seconds, without milliseconds"
            }
        case .contact, .lead:
            break
        }
        for (key, value) in object {
            guard let field = schema[key], !(value is NSNull) else { continue }
            if let problem = Self.problem(value, for: field) { return "Field [\(key)] \(problem)" }
        }
        return nil
    }

    static func problem(_ value: Any, for field: GongAPI.SchemaField) -> String? {
        switch field.type {
        case "BOOLEAN": return isBool(value) ? nil : "must be a boolean"
        case "NUMBER", "CURRENCY": return isNumber(value) ? nil : "must be a number"
        case "PERCENT":
            guard isNumber(value), let number = value as? NSNumber, (0...100).contains(number.doubleValue) else { return "must be a number between 0 and 100" }
            return nil
        case "DATE": return (value as? String).map(GongFormat.isDate) == true ? nil : "must be a date YYYY-MM-DD"
        case "DATETIME": return (value as? String).map(GongFormat.isDatetime) == true ? nil : "must be an ISO-8601 date-time without milliseconds"
        case "PICKLIST":
            guard let text = value as? String, (field.orderedValueList ?? []).contains(text) else { return "must be one of the field's values" }
            return nil
        default: return value is String ? nil : "must be a string"
        }
    }

    /// JSON `true`/`false` (JSONSerialization gives NSNumbers of type `c` for them; `1` is not one).
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func isNumber(_ value: Any) -> Bool { value is NSNumber && !isBool(value) }

    /// Letters and digits (of any script: the rule says "alphanumeric") and `-`, or an email address;
    /// `_` and `.` too when not strict. Other symbols, spaces and punctuation are not allowed.
    static func isAllowedId(_ id: String, strict: Bool) -> Bool {
        if id.contains("@") && GongFormat.isEmail(id) { return true }
        return id.unicodeScalars.allSatisfy { scalar in
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                return GongFormat.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || (!strict && (byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")))
            }
            return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .decimalNumber
        }
    }
}
