import CRMExport
import Foundation
import GongCRM
import Mapping

/// A dry run: what a run would do, asking Gong only read-only questions.
extension UploadEngine {
    func rehearse(export: Export, exportLabel: String, mapping: Mapping) async throws -> Result {
        let existing = try await client.integrations().first
        let integrationId = existing?.integrationId ?? 0
        onEvent(.note(existing.map { "Would use integration \($0.name ?? "?") (\(integrationId))" } ?? "Would register integration \(options.integrationName)"))
        if existing != nil {
            for (type, plan) in try await schemaPlans(mapping, integrationId: integrationId) {
                for conflict in plan.conflicts { onEvent(.note("Would stop: \(conflict)")) }
                if plan.needsUpload {
                    let consent = plan.losesData && !options.allowSchemaChanges ? " (would stop: needs --allow-schema-deletes)" : ""
                    onEvent(.note("Would send the \(type.rawValue) schema: \(plan.summary)\(consent)"))
                }
                if !plan.unmanaged.isEmpty {
                    onEvent(.note("Schema of \(type.rawValue): \(plan.unmanaged.count) fields not managed by this mapping, left as they are: \(plan.unmanaged.joined(separator: ", "))"))
                }
            }
        }
        let folder = NSTemporaryDirectory() + "gongmap-dry-run-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planned = try plan(integrationId: integrationId, Source(export: export, label: exportLabel, mapping: mapping),
                               stored: try storedHashes(integrationId: integrationId), into: folder + "/plan")
        let used = try journal.callsInLastDay()
        if used + planned.calls > options.callBudget {
            onEvent(.note("Would stop for the daily budget: \(used) calls in the last 24 hours, about \(planned.calls) needed, \(options.callBudget) allowed"))
        }
        return Result(run: 0, accepted: planned.records, rejected: 0, unconfirmed: 0, leftOut: planned.leftOut, dryRun: true)
    }
}
