import Foundation
import GongCRM
import Validation

/// `gongmap validate --json`: counts per entity, rules with samples, relationships, files.
enum ValidationJSON {
    struct Document: Encodable {
        var export: String
        var mapping: String
        var records: [String: Int]
        var entities: [String: Entity]
        var errors: Int
        var warnings: Int
        var rules: [RuleGroup]
        var relationships: [Relationship]
        var files: [File]
    }

    struct Entity: Encodable { var read, valid, invalid, withWarnings, historyVersions, historyLayers: Int }
    struct RuleGroup: Encodable {
        var rule: String
        var severity: String
        var entity: String?
        var field: String?
        var count: Int
        var samples: [Sample]
    }
    struct Sample: Encodable {
        var file: String
        var row: Int
        var line: Int
        var column: String?
        var value: String?
        var objectId: String?
        var message: String
    }
    struct Relationship: Encodable { var entity, field, target: String; var linked, missing, empty: Int }
    struct File: Encodable { var name, role: String; var rows: Int }

    static func render(_ report: ValidationReport, export: String, mapping: String) -> String {
        var entities: [String: Entity] = [:]
        var records: [String: Int] = [:]
        for (entity, tally) in report.entities {
            records[entity.rawValue] = tally.read
            entities[entity.rawValue] = Entity(read: tally.read, valid: tally.valid, invalid: tally.invalid, withWarnings: tally.withWarnings,
                                               historyVersions: tally.historyVersions, historyLayers: tally.historyLayers)
        }
        let rules = report.summary.sortedGroups.map { group in
            RuleGroup(rule: group.rule.rawValue, severity: group.severity.rawValue, entity: group.entity?.rawValue, field: group.field, count: group.count,
                      samples: group.samples.map { Sample(file: $0.file, row: $0.row, line: $0.line, column: $0.column, value: $0.value, objectId: $0.objectId, message: $0.message) })
        }
        let document = Document(export: export, mapping: mapping, records: records, entities: entities, errors: report.errors, warnings: report.warnings, rules: rules,
                                relationships: report.relationships.map { Relationship(entity: $0.entity.rawValue, field: $0.field, target: $0.target.rawValue, linked: $0.linked, missing: $0.missing, empty: $0.empty) },
                                files: report.files.map { File(name: $0.name, role: $0.role, rows: $0.rows) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
