import CRMExport
import Foundation
import GongCRM
import Mapping
import Testing
import Validation

/// `suggest` scored against the mapping a careful admin wrote by hand, on exports shaped as
/// their vendors write them (Tests/Fixtures/exports, see its README).
@Suite("Suggestions on the vendor corpus")
struct CorpusTests {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Tests/Fixtures/exports").path
    }()

    static let shapes: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".mapping.yaml") }.map { String($0.dropLast(".mapping.yaml".count)) }.sorted()
    }()

    struct Score {
        var shape: String
        var files = (right: 0, of: 0)
        var fields = (right: 0, of: 0)
        var links = (suggested: 0, hand: 0)
        var valid = (suggested: 0, hand: 0)
        var refused: String?
        /// Fields no export can tell (a record link's host), left to the admin.
        var needsAdmin = 0
        var misses: [String] = []
    }

    static func run(_ mapping: Mapping, on export: Export) throws -> ValidationReport {
        let pipeline = RecordPipeline(export: export, mapping: mapping, mappingFile: "corpus",
                                      context: ApplyContext(options: mapping.options, runTimestamp: GongTimestamp(secondsSinceEpoch: 1_733_140_800)))
        return try pipeline.run(sink: nil) { _ in }
    }

    static func score(_ shape: String) throws -> Score {
        let hand = try Mapping.read(path: "\(folder)/\(shape).mapping.yaml")
        let export = try Export.open(["\(folder)/\(shape)"])
        let profiles = try FileProfile.profile(export.files).map { try $0.get() }
        let suggested = Suggester.suggest(profiles: profiles, exportPath: shape, export: export).mapping
        var score = Score(shape: shape)

        // Every file to the entity (and history or not) the admin chose, or left unassigned alike.
        func role(_ file: String, in mapping: Mapping) -> String {
            guard let source = mapping.sources.first(where: { $0.input == .file(file) }) else { return "unassigned" }
            return source.entity.rawValue + (source.isHistory ? " history" : "")
        }
        for file in export.files.map(\.name) {
            score.files.of += 1
            if role(file, in: hand) == role(file, in: suggested) { score.files.right += 1 } else { score.misses.append("\(file): \(role(file, in: suggested)), not \(role(file, in: hand))") }
        }
        // Every standard field the admin mapped, read from the same columns.
        for source in hand.sources {
            // A file's source by its file; a derived one (distinct values) by its entity.
            let match = suggested.sources.first { $0.entity == source.entity && $0.isHistory == source.isHistory && ($0.input == source.input || Self.isDerived(source.input) && Self.isDerived($0.input)) }
            for field in source.fields where EntityCatalog.field(field.target, of: source.entity) != nil {
                // A link into the CRM's own web app needs its host, which no export holds.
                if field.target == "url", case .template = field.expression.source { score.needsAdmin += 1; continue }
                score.fields.of += 1
                let mine = match?.field(field.target)
                if let mine, Self.sameSource(mine, field) { score.fields.right += 1; continue }
                score.misses.append("\(source.entity.rawValue)\(source.isHistory ? " history" : "").\(field.target): \(mine.map { ExpressionSyntax.render($0.expression) } ?? "unmapped"), not \(ExpressionSyntax.render(field.expression))")
            }
        }
        let handReport = try run(hand, on: export)
        // Links of Gong's standard fields; custom REFERENCE fields are the admin's own additions.
        func standard(_ report: ValidationReport) -> [ValidationReport.RelationshipTally] {
            report.relationships.filter { EntityCatalog.field($0.field, of: $0.entity) != nil }
        }
        score.links.hand = standard(handReport).reduce(0) { $0 + $1.linked }
        var handLinks: [String: Int] = [:]
        for link in standard(handReport) { handLinks[link.id] = link.linked }
        score.valid.hand = EntityType.allCases.reduce(0) { $0 + handReport.tally($1).valid + handReport.tally($1).historyVersions }
        do {
            // What suggest writes is what validate reads: through the file format.
            let reread = try Mapping.read(yaml: suggested.yaml(), fileName: "suggested.yaml")
            let report = try run(reread, on: export)
            score.links.suggested = standard(report).reduce(0) { $0 + $1.linked }
            for (id, linked) in handLinks.sorted(by: { $0.key < $1.key }) {
                let mine = report.relationships.first { $0.id == id }?.linked ?? 0
                if mine < linked { score.misses.append("links \(id): \(mine), not \(linked)") }
            }
            score.valid.suggested = EntityType.allCases.reduce(0) { $0 + report.tally($1).valid + report.tally($1).historyVersions }
        } catch {
            score.refused = "\(error)"
        }
        return score
    }

    static func isDerived(_ input: SourceInput) -> Bool { if case .distinct = input { true } else { false } }

    /// The same columns (or the same constant, or both the run's time).
    static func sameSource(_ one: FieldMapping, _ other: FieldMapping) -> Bool {
        switch (one.expression.source, other.expression.source) {
        case (.now, .now): true
        case (.constant(let a), .constant(let b)): a == b
        default: !one.expression.columns.isEmpty && Set(one.expression.columns) == Set(other.expression.columns)
        }
    }

    @Test func suggestOnEveryVendorShape() throws {
        #expect(Self.shapes.count >= 8, "\(Self.shapes)")
        var table = ["shape                    files   std fields  links (sugg/hand)  valid records (sugg/hand)"]
        var scores: [Score] = []
        for shape in Self.shapes {
            let score = try Self.score(shape)
            scores.append(score)
            table.append(shape.padding(toLength: 24, withPad: " ", startingAt: 0)
                         + " \(score.files.right)/\(score.files.of)".padding(toLength: 8, withPad: " ", startingAt: 0)
                         + " \(score.fields.right)/\(score.fields.of)\(score.needsAdmin > 0 ? "+\(score.needsAdmin)" : "")".padding(toLength: 12, withPad: " ", startingAt: 0)
                         + " \(score.links.suggested)/\(score.links.hand)".padding(toLength: 19, withPad: " ", startingAt: 0)
                         + " \(score.valid.suggested)/\(score.valid.hand)" + (score.refused == nil ? "" : "  REFUSED"))
            for miss in score.misses { table.append("    - " + miss) }
        }
        print(table.joined(separator: "\n"))
        for score in scores {
            // A suggested mapping is never one that validate refuses, and it delivers what the hand mapping does.
            #expect(score.refused == nil, "\(score.shape): \(score.refused ?? "")")
            #expect(score.files.right == score.files.of, "\(score.shape): \(score.misses)")
            #expect(score.valid.suggested >= score.valid.hand, "\(score.shape)")
            #expect(score.links.suggested >= score.links.hand, "\(score.shape)")
            // At most one standard field differs, and only where the admin knows more than the export
            // (the order of Zoho's stage picklist, stages marked active by hand).
            #expect(score.fields.right >= score.fields.of - 1, "\(score.shape): \(score.misses)")
        }
    }
}
