import Foundation
import GongCRM

/// What the emulator keeps, in memory, with every change also written to an `EmulatorDatabase`
/// when the emulator runs with `--data DIR`. All mutation goes through the methods here so the
/// two never disagree.
final class EmulatorStore {
    struct StoredIntegration: Equatable, Codable {
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
        /// The integration the request was made to: a file is never applied to another one.
        var integrationId: Int64?
    }

    struct Counters: Codable, Equatable {
        var requestsReceived = 0
        var rateLimited = 0
    }

    private(set) var integration: StoredIntegration?
    private(set) var schemas: [EntityType: [GongAPI.SchemaField]] = [:]
    private(set) var records: [EntityType: [String: StoredRecord]] = [:]
    private(set) var requests: [String: StoredRequest] = [:]
    private(set) var counters = Counters()
    private let database: EmulatorDatabase?

    init(database: EmulatorDatabase? = nil) throws {
        self.database = database
        guard let database else { return }
        let saved = try database.load()
        integration = saved.integration
        schemas = saved.schemas
        records = saved.records
        requests = saved.requests
        counters = saved.counters
    }

    func countRequest(rateLimited: Bool) throws {
        counters.requestsReceived += 1
        if rateLimited { counters.rateLimited += 1 }
        try database?.saveCounters(counters)
    }

    func setIntegration(_ value: StoredIntegration?) throws {
        integration = value
        try database?.saveIntegration(value)
    }

    func setSchema(_ fields: [GongAPI.SchemaField], for type: EntityType) throws {
        schemas[type] = fields
        try database?.saveSchema(fields, for: type)
    }

    func putRequest(_ request: StoredRequest) throws {
        requests[request.clientRequestId] = request
        try database?.saveRequest(request)
    }

    /// Stores a processed file's outcome: its accepted records (newer modifiedDate wins, deletions
    /// remove) and its final request state, in one transaction.
    func apply(_ accepted: [(id: String, record: StoredRecord, deleted: Bool)], of type: EntityType, finishing request: StoredRequest) throws {
        var changed: [(String, StoredRecord?)] = []
        for (id, record, deleted) in accepted {
            if deleted {
                guard records[type]?[id] != nil else { continue }
                records[type]?[id] = nil
                changed.append((id, nil))
            } else if let existing = records[type]?[id], existing.modifiedDate > record.modifiedDate {
                continue
            } else {
                records[type, default: [:]][id] = record
                changed.append((id, record))
            }
        }
        requests[request.clientRequestId] = request
        try database?.saveProcessed(changed, of: type, request: request)
    }

    /// Deleting the integration removes everything stored for it.
    func removeIntegrationData(finishing request: StoredRequest) throws {
        integration = nil
        schemas = [:]
        records = [:]
        requests[request.clientRequestId] = request
        try database?.clearIntegrationData(finishing: request)
    }
}
