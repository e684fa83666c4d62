import CRMExport
import Foundation
import GongClient
import GongCRM
import Mapping

/// Reads records back from Gong (`GET /v2/crm/entities`, 100 ids a call) and compares them with
/// what the journal says Gong accepted: the export's line for each record is made again, and
/// only a line whose content hash is the one Gong accepted is compared (a record changed in the
/// export since is "not compared"). Gong can answer only for accounts, contacts, deals and leads.
public final class Verifier {
    let engine: UploadEngine
    let journal: Journal
    let client: GongClient

    public init(client: GongClient, journal: Journal, mappingPath: String) {
        var options = UploadEngine.Options(mappingPath: mappingPath)
        options.full = true
        engine = UploadEngine(client: client, journal: journal, options: options) { _ in }
        self.journal = journal
        self.client = client
    }

    /// `sample`: how many accepted records of each entity to read back, nil for all of them;
    /// `run`: only records whose current content Gong accepted in that run.
    public func verify(export: Export, exportLabel: String, mapping: Mapping, sample: Int?, run: Int64? = nil,
                       progress: @escaping (VerifyReport.Entity) -> Void = { _ in }) async throws -> VerifyReport {
        if let run, try journal.run(run) == nil {
            throw UploadEngine.Refusal(description: "there is no run \(run) in the journal; gongmap status lists the runs")
        }
        guard let integrationId = try await client.integrations().first?.integrationId else {
            throw UploadEngine.Refusal(description: "Gong has no integration yet: nothing was uploaded to verify")
        }
        let folder = NSTemporaryDirectory() + "gongmap-verify-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planned = try engine.plan(integrationId: integrationId, .init(export: export, label: exportLabel, mapping: mapping), stored: StoredHashesLoader(), into: folder)
        var report = VerifyReport(integrationId: integrationId)
        for type in EntityType.uploadOrder where type.acceptsCustomFields {
            let accepted = try journal.contentHashes(integrationId: integrationId, objectType: type.rawValue)
            let candidates = try run.map { try journal.objectIds(integrationId: integrationId, objectType: type.rawValue, acceptedIn: $0) } ?? Set(accepted.keys)
            let chosen = sample.map { Set(candidates.shuffled().prefix($0)) } ?? candidates
            var entity = VerifyReport.Entity(objectType: type.rawValue, accepted: candidates.count, chosen: chosen.count)
            var expected: [(objectId: String, line: [UInt8])] = []
            let hash = ContentHash(runTimestamp: planned.stamped.contains(type) ? planned.runTimestamp : nil, algorithm: try journal.contentHashAlgorithm())
            for file in planned.files where file.objectType == type && file.kind == .entities {
                guard let lines = PlannedLines(path: folder + "/" + file.path) else { continue }
                try lines.forEach { line in
                    guard chosen.contains(line.objectId), !line.isDeletion else { return }
                    let bytes = Array(line.bytes)
                    if (bytes + [UInt8(ascii: "\n")]).withUnsafeBufferPointer(hash.hash) == accepted[line.objectId] {
                        expected.append((line.objectId, bytes))
                    }
                }
            }
            entity.notCompared = chosen.count - expected.count
            for start in stride(from: 0, to: expected.count, by: 100) {
                let batch = expected[start..<min(start + 100, expected.count)]
                try engine.checkBudget(needing: 1)
                let answer = try await client.entities(batch.map(\.objectId), type: type, integrationId: integrationId)
                for (objectId, line) in batch {
                    var expected = try JSONDecoder().decode([String: JSONValue].self, from: Data(line))
                    var actual = answer[objectId] ?? nil
                    // `@now` is this run's time, not the one Gong was sent.
                    if planned.stamped.contains(type) { expected["modifiedDate"] = nil; actual?["modifiedDate"] = nil }
                    entity.add(objectId: objectId, expected: expected, actual: actual)
                }
                progress(entity)
            }
            report.entities.append(entity)
        }
        // Checking nothing proves nothing: say so instead of reporting success.
        guard report.entities.contains(where: { $0.chosen > 0 }) else {
            throw UploadEngine.Refusal(description: "nothing to check: " + (run.map { "run \($0) has no records whose current content Gong accepted (it sent none, or later runs sent newer versions)" }
                ?? "the journal has no accounts, contacts, deals or leads that Gong accepted (Gong reads back no other type)"))
        }
        return report
    }
}

/// What `gongmap verify` found, per entity.
public struct VerifyReport: Sendable, Encodable {
    public struct Difference: Sendable, Encodable, Equatable {
        public var field: String
        /// What gongmap sent and what Gong has (nil: no such field).
        public var sent: String?
        public var gong: String?
    }

    public struct Problem: Sendable, Encodable, Equatable {
        public var objectId: String
        /// `missing` (Gong has no such record) or `different`.
        public var kind: String
        public var differences: [Difference]
    }

    public struct Entity: Sendable, Encodable {
        public var objectType: String
        /// Records the journal says Gong accepted, and how many of them were chosen.
        public var accepted: Int
        public var chosen: Int
        public var checked = 0
        public var matching = 0
        public var missing = 0
        public var different = 0
        /// Chosen records whose line in the export is no longer the one Gong accepted (changed or gone since).
        public var notCompared = 0
        /// The first problems found (at most 20).
        public var problems: [Problem] = []

        init(objectType: String, accepted: Int, chosen: Int) {
            self.objectType = objectType
            self.accepted = accepted
            self.chosen = chosen
        }

        mutating func add(objectId: String, expected: [String: JSONValue], actual: [String: JSONValue]?) {
            checked += 1
            guard let actual else {
                missing += 1
                record(Problem(objectId: objectId, kind: "missing", differences: []))
                return
            }
            var differences: [Difference] = []
            for key in Set(expected.keys).union(actual.keys).sorted() {
                let sent = expected[key], gong = actual[key]
                // A custom field sent as null and not listed by Gong is the same absence.
                if (sent == nil || sent == .null) && (gong == nil || gong == .null) { continue }
                if let sent, let gong, sent.sameValue(as: gong) { continue }
                differences.append(Difference(field: key, sent: sent?.description, gong: gong?.description))
            }
            if differences.isEmpty {
                matching += 1
            } else {
                different += 1
                record(Problem(objectId: objectId, kind: "different", differences: differences))
            }
        }

        private mutating func record(_ problem: Problem) {
            if problems.count < 20 { problems.append(problem) }
        }
    }

    public var integrationId: Int64
    public var entities: [Entity] = []

    public var isClean: Bool { entities.allSatisfy { $0.missing == 0 && $0.different == 0 } }

    /// One line: `400 read back: 399 as sent, 1 different (ACCOUNT 0015e000…: name)`.
    public var summary: String {
        let checked = entities.reduce(0) { $0 + $1.checked }, matching = entities.reduce(0) { $0 + $1.matching }
        let missing = entities.reduce(0) { $0 + $1.missing }, different = entities.reduce(0) { $0 + $1.different }
        let notCompared = entities.reduce(0) { $0 + $1.notCompared }
        var text = "\(checked) read back: \(matching) as sent"
        if missing > 0 { text += ", \(missing) missing" }
        if different > 0 { text += ", \(different) different" }
        if notCompared > 0 { text += ", \(notCompared) changed in the export since" }
        if let entity = entities.first(where: { !$0.problems.isEmpty }), let problem = entity.problems.first {
            let fields = problem.differences.prefix(3).map(\.field).joined(separator: ", ")
            text += " (\(entity.objectType) \(problem.objectId)\(fields.isEmpty ? " missing" : ": " + fields))"
        }
        return text
    }
}
