import Foundation
import GongCRM

/// What the emulator keeps. In memory here; a SQLite store (`--data DIR`) keeps the same.
final class EmulatorStore {
    struct StoredIntegration: Equatable {
        var id: Int64
        var name: String
        var ownerEmail: String
        /// The clientRequestId of a DELETE in progress, if any.
        var deleting: String?
    }

    struct StoredRecord {
        var line: Data
        var modifiedDate: String
    }

    struct StoredRequest {
        var clientRequestId: String
        var objectType: EntityType?
        var receivedAt: TimeInterval
        /// The uploaded file until it is processed; nil for a delete-integration request.
        var file: Data?
        var state: GongAPI.RequestState = .pending
        var errors: [GongAPI.LineError] = []
        var totalErrors = 0
        var totalSuccesses = 0
        var forcedFailure = false
    }

    var integration: StoredIntegration?
    var schemas: [EntityType: [GongAPI.SchemaField]] = [:]
    var records: [EntityType: [String: StoredRecord]] = [:]
    var requests: [String: StoredRequest] = [:]
    var requestsReceived = 0
    var rateLimited = 0
}
