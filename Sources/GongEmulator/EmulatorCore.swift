import Foundation
import GongCRM

/// Gong's CRM API as a function from requests to replies: authentication, integrations,
/// entity schemas, uploads processed asynchronously with per-line errors, request status,
/// get-entities, rate limits and injected faults. The HTTP server is a thin layer over it, and
/// tests can drive it directly.
///
/// GongEmulator owns this behaviour; it must not use gongmap's own mapping or validation code,
/// so that it can catch their mistakes.
public final class EmulatorCore: @unchecked Sendable {
    public let options: EmulatorOptions
    private let lock = NSLock()
    private let store: EmulatorStore
    private var limiter: RateLimiter
    private let clock: @Sendable () -> TimeInterval
    private var random: SystemRandomNumberGenerator

    /// Keeps everything in memory.
    public convenience init(options: EmulatorOptions = EmulatorOptions(), clock: @escaping @Sendable () -> TimeInterval = { Date().timeIntervalSince1970 }) {
        // A store without a database has nothing that can fail.
        try! self.init(options: options, store: EmulatorStore(), clock: clock)
    }

    /// Keeps everything in SQLite under `dataDirectory` too, and starts from what is there.
    public convenience init(options: EmulatorOptions = EmulatorOptions(), dataDirectory: String,
                            clock: @escaping @Sendable () -> TimeInterval = { Date().timeIntervalSince1970 }) throws {
        try self.init(options: options, store: EmulatorStore(database: EmulatorDatabase(directory: dataDirectory)), clock: clock)
    }

    private init(options: EmulatorOptions, store: EmulatorStore, clock: @escaping @Sendable () -> TimeInterval) throws {
        self.options = options
        self.store = store
        self.clock = clock
        limiter = RateLimiter(perSecond: options.callsPerSecond, perDay: options.callsPerDay)
        random = SystemRandomNumberGenerator()
    }

    /// Handles one request. `path` without the query; `query` with repeated names kept in order.
    public func handle(method: String, path: String, query: [(String, String)], headers: [String: String], body: Data) -> EmulatorReply {
        lock.lock()
        defer { lock.unlock() }
        let requestId = Self.requestId()
        do {
            return try route(method: method, path: path, query: query, headers: headers, body: body, requestId: requestId)
        } catch {
            return .error(500, "The emulator could not store its data: \(error)", requestId: requestId)
        }
    }

    private func route(method: String, path: String, query: [(String, String)], headers: [String: String], body: Data, requestId: String) throws -> EmulatorReply {
        if path == "/_emulator/stats" { return try stats(requestId) }
        let isAuthorized = authorized(headers)
        let wait = isAuthorized && options.rateLimited ? limiter.admit(at: clock()) : nil
        try store.countRequest(rateLimited: wait != nil)
        guard isAuthorized else { return .error(401, "Access denied: the access key and secret are not valid", requestId: requestId) }
        if let scope = Self.scope(method: method, path: path), options.withoutScopes.contains(scope) {
            return .error(401, "You don't have permission to use '\(scope)' in your app.", requestId: requestId)
        }
        if let wait {
            return .error(429, "API request limit exceeded", requestId: requestId, headers: ["Retry-After": String(wait)])
        }
        if options.serverErrorShare > 0, Double.random(in: 0..<1, using: &random) < options.serverErrorShare {
            return .error(Bool.random(using: &random) ? 500 : 503, "The operation failed because of an unexpected error", requestId: requestId)
        }
        try processDue()
        let parameters = Dictionary(query, uniquingKeysWith: { first, _ in first })
        switch (method.uppercased(), path) {
        case ("PUT", "/v2/crm/integrations"): return try register(headers, body, requestId)
        case ("GET", "/v2/crm/integrations"): return listIntegrations(requestId)
        case ("DELETE", "/v2/crm/integrations"): return try deleteIntegration(parameters, requestId)
        case ("POST", "/v2/crm/entity-schema"): return try uploadSchema(parameters, headers, body, requestId)
        case ("GET", "/v2/crm/entity-schema"): return listSchema(parameters, requestId)
        case ("POST", "/v2/crm/entities"): return try uploadEntities(parameters, headers, body, requestId)
        case ("GET", "/v2/crm/entities"): return getEntities(parameters, headers, body, requestId)
        case ("GET", "/v2/crm/request-status"): return requestStatus(parameters, requestId)
        default: return .error(404, "No such endpoint: \(method) \(path)", requestId: requestId)
        }
    }

    /// 18 or 19 lowercase letters and digits, like Gong's (gong-crm-api.md §6b).
    static func requestId() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<Int.random(in: 18...19)).map { _ in alphabet.randomElement()! })
    }

    /// The scope a bearer token needs for an endpoint (gong-crm-api.md §1.3).
    static func scope(method: String, path: String) -> String? {
        switch (method.uppercased(), path) {
        case ("PUT", "/v2/crm/integrations"): "api:crm:integration:register"
        case ("GET", "/v2/crm/integrations"): "api:crm:integrations:read"
        case ("DELETE", "/v2/crm/integrations"): "api:crm:integration:delete"
        case (_, "/v2/crm/entity-schema"): "api:crm:schema"
        case ("POST", "/v2/crm/entities"), ("GET", "/v2/crm/request-status"): "api:crm:upload"
        case ("GET", "/v2/crm/entities"): "api:crm:get-objects"
        default: nil
        }
    }

    /// Gong reads JSON bodies only when they are declared so; otherwise it answers 415.
    static func declaresJSON(_ headers: [String: String]) -> Bool {
        let value = headers.first { $0.key.lowercased() == "content-type" }?.value.lowercased() ?? ""
        return value.hasPrefix("application/json")
    }

    static func unsupportedMediaType(_ requestId: String) -> EmulatorReply {
        .error(415, "Unsupported Media Type", requestId: requestId)
    }

    private func authorized(_ headers: [String: String]) -> Bool {
        guard let value = headers.first(where: { $0.key.lowercased() == "authorization" })?.value, value.hasPrefix("Basic "),
              let decoded = Data(base64Encoded: String(value.dropFirst(6))) else { return false }
        return String(decoding: decoded, as: UTF8.self) == options.accessKey + ":" + options.accessKeySecret
    }

    // MARK: Integrations

    private func register(_ headers: [String: String], _ body: Data, _ requestId: String) throws -> EmulatorReply {
        guard Self.declaresJSON(headers) else { return Self.unsupportedMediaType(requestId) }
        guard let request = try? JSONDecoder().decode(GongAPI.RegistrationRequest.self, from: body), !request.name.isEmpty, !request.ownerEmail.isEmpty else {
            return .error(400, "Malformed request: name and ownerEmail are required", requestId: requestId)
        }
        if store.integration != nil {
            return .error(409, "Your organization already has an active GENERIC CRM integration. Only 1 active integration is supported. "
                          + "Please disconnect the existing GENERIC CRM integration before creating a new Generic CRM integration", requestId: requestId)
        }
        let id = Int64.random(in: 1_000_000_000_000_000_000...Int64.max)
        try store.setIntegration(.init(id: id, name: request.name, ownerEmail: request.ownerEmail))
        // Gong's default schema of a new integration, when the emulator was given one.
        for (type, fields) in options.initialSchema { try store.setSchema(fields, for: type) }
        return .json(200, GongAPI.RegistrationResponse(requestId: requestId, integrationId: id))
    }

    private func listIntegrations(_ requestId: String) -> EmulatorReply {
        let list = store.integration.map { [GongAPI.Integration(integrationId: $0.id, ownerEmail: $0.ownerEmail, name: $0.name)] } ?? []
        return .json(200, GongAPI.IntegrationsResponse(requestId: requestId, integrations: list))
    }

    /// The integration named by `integrationId`, or the error reply.
    private func integration(_ parameters: [String: String], _ requestId: String) -> Result<EmulatorStore.StoredIntegration, EmulatorReply> {
        guard let text = parameters["integrationId"], let id = Int64(text) else {
            return .failure(.error(400, "Malformed request: integrationId is required and must be a 64-bit integer", requestId: requestId))
        }
        guard let integration = store.integration, integration.id == id else {
            return .failure(.error(400, "Malformed request: no integration with id \(id)", requestId: requestId))
        }
        return .success(integration)
    }

    private func clientRequestId(_ parameters: [String: String], _ requestId: String) -> Result<String, EmulatorReply> {
        guard let id = parameters["clientRequestId"], GongAPI.isValidClientRequestId(id) else {
            return .failure(.error(400, "Malformed request: clientRequestId is required and may contain only letters, digits, '-' and '_'", requestId: requestId))
        }
        if store.requests[id] != nil { return .failure(.error(409, "Client request id has already been used", requestId: requestId)) }
        return .success(id)
    }

    private func deleteIntegration(_ parameters: [String: String], _ requestId: String) throws -> EmulatorReply {
        var current: EmulatorStore.StoredIntegration
        switch integration(parameters, requestId) { case .success(let value): current = value; case .failure(let reply): return reply }
        let clientId: String
        switch clientRequestId(parameters, requestId) { case .success(let value): clientId = value; case .failure(let reply): return reply }
        try store.putRequest(.init(clientRequestId: clientId, objectType: nil, receivedAt: clock(), file: nil))
        current.deleting = clientId
        try store.setIntegration(current)
        return .json(201, GongAPI.AsyncProcessingResponse(requestId: requestId, clientRequestId: clientId))
    }

    // MARK: Schema

    private func schemaType(_ parameters: [String: String], required: Bool, _ requestId: String) -> Result<EntityType?, EmulatorReply> {
        guard let text = parameters["objectType"] else {
            return required ? .failure(.error(400, "Malformed request: objectType is required", requestId: requestId)) : .success(nil)
        }
        guard let type = EntityType(rawValue: text), type.acceptsCustomFields else {
            return .failure(.error(400, "Malformed request: objectType must be ACCOUNT, CONTACT, DEAL or LEAD", requestId: requestId))
        }
        return .success(type)
    }

    private func uploadSchema(_ parameters: [String: String], _ headers: [String: String], _ body: Data, _ requestId: String) throws -> EmulatorReply {
        if case .failure(let reply) = integration(parameters, requestId) { return reply }
        guard Self.declaresJSON(headers) else { return Self.unsupportedMediaType(requestId) }
        let type: EntityType
        switch schemaType(parameters, required: true, requestId) { case .success(let value): type = value!; case .failure(let reply): return reply }
        guard let fields = try? JSONDecoder().decode([GongAPI.SchemaField].self, from: body) else {
            return .error(400, "Malformed request: the body must be a JSON array of fields with uniqueName, label and type", requestId: requestId)
        }
        switch SchemaRules.apply(fields, to: store.schemas[type] ?? []) {
        case .success(let schema):
            try store.setSchema(schema, for: type)
            return .json(200, GongAPI.BaseResponse(requestId: requestId))
        case .failure(let problem):
            return .error(400, problem.message, requestId: requestId)
        }
    }

    private func listSchema(_ parameters: [String: String], _ requestId: String) -> EmulatorReply {
        if case .failure(let reply) = integration(parameters, requestId) { return reply }
        let types: [EntityType]
        switch schemaType(parameters, required: false, requestId) {
        case .success(let value): types = value.map { [$0] } ?? EntityType.uploadOrder.filter(\.acceptsCustomFields)
        case .failure(let reply): return reply
        }
        var map: [String: [GongAPI.SchemaField]] = [:]
        for type in types { map[type.rawValue] = store.schemas[type] ?? [] }
        return .json(200, GongAPI.SchemaListResponse(requestId: requestId, objectTypeToSelectedFields: map))
    }

    // MARK: Entities

    private func uploadEntities(_ parameters: [String: String], _ headers: [String: String], _ body: Data, _ requestId: String) throws -> EmulatorReply {
        if case .failure(let reply) = integration(parameters, requestId) { return reply }
        guard let typeText = parameters["objectType"], let type = EntityType(rawValue: typeText) else {
            return .error(400, "Malformed request: objectType must be one of \(EntityType.uploadOrder.map(\.rawValue).joined(separator: ", "))", requestId: requestId)
        }
        if body.count > options.maxUploadBytes { return .error(413, "The request is larger than 200 MB", requestId: requestId) }
        if let deleting = store.integration?.deleting {
            return .error(400, "Malformed request: the integration is being deleted (request \(deleting))", requestId: requestId)
        }
        let clientId: String
        switch clientRequestId(parameters, requestId) { case .success(let value): clientId = value; case .failure(let reply): return reply }
        let contentType = headers.first { $0.key.lowercased() == "content-type" }?.value ?? ""
        guard let boundary = Multipart.boundary(fromContentType: contentType), let file = Multipart.part(named: "dataFile", in: body, boundary: boundary) else {
            return .error(400, "dataFile part is missing", requestId: requestId)
        }
        var request = EmulatorStore.StoredRequest(clientRequestId: clientId, objectType: type, receivedAt: clock(), file: Data(file),
                                                  integrationId: store.integration?.id)
        if options.failedFileShare > 0 { request.forcedFailure = Double.random(in: 0..<1, using: &random) < options.failedFileShare }
        try store.putRequest(request)
        return .json(201, GongAPI.AsyncProcessingResponse(requestId: requestId, clientRequestId: clientId))
    }

    /// The ids come as a JSON array in the body of the GET; without a JSON body Gong answers 415 (§6b #10).
    private func getEntities(_ parameters: [String: String], _ headers: [String: String], _ body: Data, _ requestId: String) -> EmulatorReply {
        guard Self.declaresJSON(headers), !body.isEmpty else { return Self.unsupportedMediaType(requestId) }
        if case .failure(let reply) = integration(parameters, requestId) { return reply }
        guard let typeText = parameters["objectType"], let type = EntityType(rawValue: typeText), type.acceptsCustomFields else {
            return .error(400, "Malformed request: objectType must be ACCOUNT, CONTACT, DEAL or LEAD", requestId: requestId)
        }
        guard let ids = try? JSONDecoder().decode([String].self, from: body) else {
            return .error(400, "Malformed request: the body must be a JSON array of object ids", requestId: requestId)
        }
        var map: [String: Any] = [:]
        for id in ids.prefix(100) {
            if let stored = store.records[type]?[id], let object = try? JSONSerialization.jsonObject(with: stored.line) {
                map[id] = object
            } else {
                map[id] = NSNull()
            }
        }
        let document: [String: Any] = ["requestId": requestId, "crmObjectsMap": map]
        return EmulatorReply(status: 200, headers: ["Content-Type": "application/json"], body: (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data())
    }

    private func requestStatus(_ parameters: [String: String], _ requestId: String) -> EmulatorReply {
        guard let clientId = parameters["clientRequestId"], let request = store.requests[clientId] else {
            return .error(400, "Malformed request: unknown clientRequestId", requestId: requestId)
        }
        // The status of a delete stays readable after the integration is gone.
        if request.objectType != nil, case .failure(let reply) = integration(parameters, requestId) { return reply }
        let processed = request.state.isFinal
        let state = processed ? request.state : options.unprocessedStatus.map(GongAPI.RequestState.unknown) ?? request.state
        return .json(200, GongAPI.RequestStatusResponse(requestId: requestId, status: state,
                                                        errors: request.state == .failed ? Array(request.errors.prefix(20)) : nil,
                                                        totalErrorCount: processed ? Int32(request.totalErrors) : nil,
                                                        totalSuccessCount: processed ? Int32(request.totalSuccesses) : nil))
    }

    // MARK: Processing

    /// Moves requests along PENDING → IN_PROGRESS → DONE/FAILED as time passes; files are applied
    /// in the order they arrived.
    func processDue() throws {
        let now = clock()
        let waiting = store.requests.values.filter { !$0.state.isFinal }.sorted { $0.receivedAt < $1.receivedAt }
        for request in waiting {
            let age = now - request.receivedAt
            if age >= options.pendingSeconds + options.processingSeconds {
                try process(request)
            } else if age >= options.pendingSeconds, request.state == .pending {
                var started = request
                started.state = .inProgress
                try store.putRequest(started)
            }
        }
    }

    private func process(_ waiting: EmulatorStore.StoredRequest) throws {
        var request = waiting
        guard let type = request.objectType, let file = request.file else {
            // Deleting the integration: everything goes.
            request.state = .done
            try store.removeIntegrationData(finishing: request)
            return
        }
        request.file = nil
        if let integrationId = request.integrationId, store.integration?.id != integrationId {
            // The integration was deleted after the file arrived: nothing of it is applied to a later one.
            request.state = .failed
            request.errors = [GongAPI.LineError(line: 0, description: "The integration of this request was deleted")]
            request.totalErrors = 1
            try store.putRequest(request)
            return
        }
        if request.forcedFailure {
            request.state = .failed
            request.errors = [GongAPI.LineError(line: 0, description: "General processing error; upload the entire file again")]
            request.totalErrors = 1
            try store.putRequest(request)
            return
        }
        let outcome = FileProcessor(type: type, schema: store.schemas[type] ?? [], strictObjectIds: options.strictObjectIds).process(file)
        request.errors = outcome.errors
        request.totalErrors = outcome.errors.count
        request.totalSuccesses = outcome.accepted.count
        request.state = outcome.errors.isEmpty ? .done : .failed
        try store.apply(outcome.accepted, of: type, finishing: request)
    }

    // MARK: Stats

    public struct Stats: Codable, Sendable, Equatable {
        public var records: [String: Int]
        public var requestsReceived: Int
        public var rateLimited: Int
        public var uploadsAccepted: Int
        /// Lines of processed uploads per entity, accepted or rejected: how often records were sent.
        public var linesProcessed: [String: Int]
    }

    /// What `/_emulator/stats` answers, after processing what is due.
    public func stats() throws -> Stats {
        lock.lock()
        defer { lock.unlock() }
        try processDue()
        return currentStats()
    }

    private func currentStats() -> Stats {
        var counts: [String: Int] = [:]
        for type in EntityType.uploadOrder { counts[type.rawValue] = store.records[type]?.count ?? 0 }
        var lines: [String: Int] = [:]
        for request in store.requests.values {
            guard let type = request.objectType else { continue }
            lines[type.rawValue, default: 0] += request.totalSuccesses + request.totalErrors
        }
        return Stats(records: counts, requestsReceived: store.counters.requestsReceived, rateLimited: store.counters.rateLimited,
                     uploadsAccepted: store.requests.values.filter { $0.objectType != nil }.count, linesProcessed: lines)
    }

    private func stats(_ requestId: String) throws -> EmulatorReply {
        try processDue()
        return .json(200, currentStats())
    }
}
