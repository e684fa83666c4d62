import CRMExport
import Foundation
import Mapping

/// One cycle of `gongmap sync`: the upload of what changed, made so that a cycle finding nothing
/// changed costs one pass over the export and no call to Gong.
extension UploadEngine {
    public enum CycleResult: Sendable, Equatable {
        /// Nothing new, changed or deleted since Gong last accepted the records: nothing was sent
        /// and no call made. `leftOut` records have validation errors, as before.
        case unchanged(records: Int, leftOut: Int)
        case ran(Result)
    }

    /// Uploads what changed. When the journal knows the integration of this Gong, the plan is made
    /// first from the content hashes it keeps, and Gong is called only when the plan has files;
    /// otherwise (a first upload, a stopped run to resume) it is a normal upload.
    /// Throws `UploadLock.Busy` when another gongmap is uploading through the journal.
    public func cycle(export: Export, exportLabel: String, mapping: Mapping) async throws -> CycleResult {
        let lock = try UploadLock(folder: options.stateFolder)
        defer { withExtendedLifetime(lock) {} }
        let source = Source(export: export, label: exportLabel, mapping: mapping)
        let hasUnfinished = try journal.unfinishedRuns().contains { $0.mapping == options.mappingPath }
        guard !hasUnfinished, let known = try journal.knownIntegration(baseURL: client.baseURL) else {
            return .ran(try await runLocked(source))
        }
        let pending = options.stateFolder + "/runs/next"
        try? FileManager.default.removeItem(atPath: pending)
        let planned = try plan(integrationId: known, source, stored: storedHashes(integrationId: known), into: pending)
        guard !planned.files.isEmpty else {
            try? FileManager.default.removeItem(atPath: pending)
            try journal.saveReadCursors(planned.readCursors, mapping: options.mappingPath)
            return .unchanged(records: planned.unchanged, leftOut: planned.leftOut)
        }
        try checkBudget(needing: planned.calls)
        let run = try journal.startRun(mapping: options.mappingPath, export: exportLabel, baseURL: client.baseURL, at: Self.now())
        onEvent(.started(run: run, resumed: false))
        return .ran(try await markingInterruption(of: run) {
            let folder = runFolder(run)
            let integrationId = try await integration()
            try journal.setIntegration(integrationId, run: run)
            guard integrationId == known else {
                // Gong has another integration now: the hashes planned against are not its records'.
                try? FileManager.default.removeItem(atPath: pending)
                return try await prepareAndSend(run: run, source)
            }
            try await syncSchema(mapping, integrationId: integrationId)
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.moveItem(atPath: pending, toPath: folder)
            return try await recordAndSend(planned, run: run, integrationId: integrationId)
        })
    }
}
