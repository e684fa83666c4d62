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
        // What would make the upload refuse (exit 2) makes the rehearsal refuse too, after showing the plan.
        var refusals: [String] = []
        if existing != nil {
            for (type, plan) in try await schemaPlans(mapping, integrationId: integrationId) {
                refusals += plan.conflicts
                if plan.needsUpload {
                    onEvent(.note("Would send the \(type.rawValue) schema: \(plan.summary)"))
                    if plan.losesData && !options.allowSchemaChanges {
                        refusals.append("the \(type.rawValue) schema would lose data in Gong (\(plan.summary)); pass --allow-schema-deletes to go ahead")
                    }
                }
                if !plan.unmanaged.isEmpty {
                    onEvent(.note("Schema of \(type.rawValue): \(plan.unmanagedSummary)"))
                }
            }
        }
        let folder = NSTemporaryDirectory() + "gongmap-dry-run-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planned = try plan(integrationId: integrationId, Source(export: export, label: exportLabel, mapping: mapping),
                               stored: storedHashes(integrationId: integrationId), into: folder + "/plan")
        let used = try journal.callsInLastDay()
        if used + planned.calls > options.callBudget {
            onEvent(.note("Would stop for the daily budget: \(used) calls in the last 24 hours, about \(planned.calls) needed, \(options.callBudget) allowed"))
        }
        if !refusals.isEmpty { throw Refusal(description: "the upload would stop: " + refusals.joined(separator: "\n")) }
        return Result(run: 0, accepted: planned.records, rejected: 0, unconfirmed: 0, leftOut: planned.leftOut, dryRun: true)
    }
}
