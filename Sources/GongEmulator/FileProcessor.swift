import Foundation
import GongCRM

/// Applies Gong's rules to an uploaded LDJSON file: each line one JSON object of the type, each
/// objectId once; valid lines are kept even when others fail (gong-crm-api.md §6 #14, #16).
struct FileProcessor {
    let type: EntityType
    let schema: [GongAPI.SchemaField]
    let strictObjectIds: Bool

    struct Outcome {
        var accepted: [(id: String, record: EmulatorStore.StoredRecord, deleted: Bool)] = []
        var errors: [GongAPI.LineError] = []
    }

    func process(_ file: Data) -> Outcome {
        var outcome = Outcome()
        guard !file.isEmpty else {
            outcome.errors.append(.init(line: 0, description: "The file is empty"))
            return outcome
        }
        let rules = LineRules(type: type, schema: Dictionary(schema.filter { $0.isDeleted != true }.map { ($0.uniqueName, $0) }, uniquingKeysWith: { $1 }),
                              strictObjectIds: strictObjectIds)
        var seen: Set<String> = []
        var lines = file.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, raw) in lines.enumerated() {
            let number = Int32(index + 1)
            var line = Data(raw)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
                outcome.errors.append(.init(line: number, description: "Empty line"))
                continue
            }
            guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
                outcome.errors.append(.init(line: number, description: "Line is not a valid JSON object"))
                continue
            }
            if let problem = rules.problem(in: object) {
                outcome.errors.append(.init(line: number, description: problem))
                continue
            }
            let id = object["objectId"] as! String
            guard seen.insert(id).inserted else {
                outcome.errors.append(.init(line: number, description: "objectId [\(id)] appears more than once in the file"))
                continue
            }
            let modified = object["modifiedDate"] as? String ?? ""
            outcome.accepted.append((id, .init(line: line, modifiedDate: modified), object["isDeleted"] as? Bool == true && LineRules.isBool(object["isDeleted"]!)))
        }
        return outcome
    }
}
