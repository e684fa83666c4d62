import AsyncHTTPClient
import Foundation
import GongCRM
import NIOCore
import NIOHTTP1

/// A client of Gong's CRM API (gong-crm-api.md §2): Basic authentication, a rate limiter under
/// Gong's limit, retries with exponential backoff and jitter on 429, 5xx and network errors (the
/// same clientRequestId on every retry of an upload), streaming multipart uploads, timeouts.
///
/// GongClient owns the HTTP side; it knows nothing of mappings, plans or journals.
public final class GongClient: Sendable {
    public let baseURL: String
    private let credentials: Credentials
    private let http: HTTPClient
    public let limiter: ClientRateLimiter
    private let maxAttempts: Int
    private let retryBaseSeconds: Double
    private let timeout: TimeAmount
    private let onEvent: @Sendable (ClientEvent) -> Void

    /// `callsPerSecond` stays under Gong's 3; retries wait `retryBaseSeconds` × 2ⁿ (±50%), at most 30 s.
    public init(baseURL: String, credentials: Credentials, callsPerSecond: Double = 2.9, maxAttempts: Int = 6, retryBaseSeconds: Double = 0.5,
                timeoutSeconds: Int64 = 120, onEvent: @escaping @Sendable (ClientEvent) -> Void = { _ in }) {
        self.baseURL = Self.normalized(baseURL)
        self.credentials = credentials
        var configuration = HTTPClient.Configuration()
        // A connection that cannot be made fails at once, so that the retries below (with their
        // messages) are the only ones; the client library would otherwise retry for 10 s unseen.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        limiter = ClientRateLimiter(perSecond: callsPerSecond)
        self.maxAttempts = maxAttempts
        self.retryBaseSeconds = retryBaseSeconds
        timeout = .seconds(timeoutSeconds)
        self.onEvent = onEvent
    }

    public func shutdown() async throws { try await http.shutdown() }

    // MARK: Endpoints

    public func registerIntegration(name: String, ownerEmail: String) async throws -> Int64 {
        let reply: GongAPI.RegistrationResponse = try await send("PUT", "/integrations", json: GongAPI.RegistrationRequest(name: name, ownerEmail: ownerEmail))
        guard let id = reply.integrationId else { throw GongClientError.unexpectedAnswer(endpoint: "PUT /integrations", reason: "no integrationId") }
        return id
    }

    public func integrations() async throws -> [GongAPI.Integration] {
        let reply: GongAPI.IntegrationsResponse = try await send("GET", "/integrations")
        return reply.integrations ?? []
    }

    public func deleteIntegration(_ integrationId: Int64, clientRequestId: String) async throws {
        let _: GongAPI.AsyncProcessingResponse = try await send("DELETE", "/integrations", query: ["integrationId": String(integrationId), "clientRequestId": clientRequestId])
    }

    public func uploadSchema(_ fields: [GongAPI.SchemaField], for type: EntityType, integrationId: Int64) async throws {
        let _: GongAPI.BaseResponse = try await send("POST", "/entity-schema", query: ["integrationId": String(integrationId), "objectType": type.rawValue], json: fields)
    }

    public func schema(for type: EntityType, integrationId: Int64) async throws -> [GongAPI.SchemaField] {
        let reply: GongAPI.SchemaListResponse = try await send("GET", "/entity-schema", query: ["integrationId": String(integrationId), "objectType": type.rawValue])
        return reply.objectTypeToSelectedFields?[type.rawValue] ?? []
    }

    public enum UploadOutcome: Sendable, Equatable {
        case accepted
        /// Gong answered 409: it has a request with this clientRequestId. `afterRetry` tells whether
        /// an earlier attempt of this same call may have reached Gong (its answer lost); if not,
        /// only the caller knows whether the id was ever sent before (§5 rule 5, §6b #11).
        case alreadyUsed(afterRetry: Bool)
    }

    /// Uploads an LDJSON file. Retries keep the clientRequestId. The deadline grows with the file
    /// (`uploadDeadline`), so a large file finishes on a slow link.
    public func uploadEntities(file path: String, type: EntityType, integrationId: Int64, clientRequestId: String) async throws -> UploadOutcome {
        let boundary = "gongmap-" + UUID().uuidString
        let body = try MultipartFileBody(path: path, filename: "\(type.rawValue).ldjson", boundary: boundary)
        let length = Int64(body.length)
        let makeBody: @Sendable () -> HTTPClientRequest.Body = { HTTPClientRequest.Body.stream(body, length: .known(length)) }
        let attempts = Attempts()
        do {
            let _: GongAPI.AsyncProcessingResponse = try await send(
                "POST", "/entities", query: ["integrationId": String(integrationId), "objectType": type.rawValue, "clientRequestId": clientRequestId],
                body: makeBody, contentType: "multipart/form-data; boundary=\(boundary)", timeout: Self.uploadDeadline(bytes: body.length, base: timeout),
                attempts: attempts)
            return .accepted
        } catch let error as GongClientError where error.status == 409 {
            return .alreadyUsed(afterRetry: attempts.count > 1)
        }
    }

    /// The slowest link an upload must finish on: 1 Mbit/s.
    public static let slowestBytesPerSecond = 125_000

    /// The time one attempt of an upload may take: the base deadline plus the body at the slowest
    /// link's rate (a 199 MB file gets about 28 minutes, instead of timing out below 13 Mbit/s).
    public static func uploadDeadline(bytes: Int, base: TimeAmount) -> TimeAmount {
        base + .seconds(Int64(bytes / slowestBytesPerSecond))
    }

    /// Counts the attempts of one call.
    final class Attempts: @unchecked Sendable {
        var count = 0
    }

    /// The objects Gong has for `ids` (at most 100 a call; §2.8): id → fields, nil when Gong has none.
    /// The ids go in a JSON body of the GET, as Gong wants (§6b #10).
    public func entities(_ ids: [String], type: EntityType, integrationId: Int64) async throws -> [String: [String: JSONValue]?] {
        precondition(ids.count <= 100, "Gong answers at most 100 ids a call")
        let reply: GongAPI.EntitiesResponse = try await send("GET", "/entities", query: ["integrationId": String(integrationId), "objectType": type.rawValue], json: ids)
        return reply.crmObjectsMap ?? [:]
    }

    public func requestStatus(integrationId: Int64, clientRequestId: String) async throws -> GongAPI.RequestStatusResponse {
        try await send("GET", "/request-status", query: ["integrationId": String(integrationId), "clientRequestId": clientRequestId])
    }

    // MARK: Transport

    private func send<Reply: Decodable>(_ method: String, _ path: String, query: [String: String] = [:]) async throws -> Reply {
        try await send(method, path, query: query, body: nil, contentType: nil)
    }

    private func send<Reply: Decodable>(_ method: String, _ path: String, query: [String: String] = [:], json: some Encodable) async throws -> Reply {
        let bytes = Array(try JSONEncoder().encode(json))
        let makeBody: @Sendable () -> HTTPClientRequest.Body = { HTTPClientRequest.Body.bytes(ByteBuffer(bytes: bytes)) }
        return try await send(method, path, query: query, body: makeBody, contentType: "application/json")
    }

    private func send<Reply: Decodable>(_ method: String, _ path: String, query: [String: String], body: (@Sendable () -> HTTPClientRequest.Body)?,
                                        contentType: String?, timeout: TimeAmount? = nil, attempts: Attempts? = nil) async throws -> Reply {
        let endpoint = "\(method) \(path)"
        var components = URLComponents(string: baseURL + GongAPI.basePath + path)
        if !query.isEmpty { components?.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        guard let url = components?.string else { throw GongClientError.unexpectedAnswer(endpoint: endpoint, reason: "bad base URL \(baseURL)") }
        var attempt = 0
        while true {
            attempt += 1
            attempts?.count = attempt
            let waited = try await limiter.acquire()
            if waited > 0.5 { onEvent(.waitedForRateLimit(seconds: waited)) }
            var request = HTTPClientRequest(url: url)
            request.method = HTTPMethod(rawValue: method)
            request.headers.add(name: "Authorization", value: credentials.authorization)
            request.headers.add(name: "Accept", value: "application/json")
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = body?()
            let retryReason: String
            var retryAfter: TimeInterval?
            do {
                let response = try await http.execute(request, timeout: timeout ?? self.timeout)
                let data = Data(try await response.body.collect(upTo: 64 << 20).readableBytesView)
                let status = Int(response.status.code)
                onEvent(.called(endpoint: endpoint, status: status))
                if (200..<300).contains(status) {
                    do { return try JSONDecoder().decode(Reply.self, from: data) } catch {
                        throw GongClientError.unexpectedAnswer(endpoint: endpoint, reason: "cannot read the \(status) answer: \(error)")
                    }
                }
                let gongError = try? JSONDecoder().decode(GongAPI.ErrorResponse.self, from: data)
                let rejection = GongClientError.rejected(status: status, endpoint: endpoint, messages: gongError?.errors ?? [], requestId: gongError?.requestId)
                guard status == 429 || status >= 500, attempt < maxAttempts else { throw rejection }
                if status == 429 {
                    retryAfter = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init) ?? 1
                    await limiter.pause(seconds: retryAfter!)
                }
                retryReason = "\(status)"
            } catch let error as GongClientError {
                throw error
            } catch {
                onEvent(.called(endpoint: endpoint, status: nil))
                guard attempt < maxAttempts else { throw GongClientError.unreachable(endpoint: endpoint, reason: Self.reason(error), attempts: attempt) }
                retryReason = Self.reason(error)
            }
            let delay = retryAfter ?? Self.backoff(attempt: attempt, base: retryBaseSeconds)
            onEvent(.retrying(endpoint: endpoint, attempt: attempt + 1, after: delay, reason: retryReason))
            if retryAfter == nil { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
        }
    }

    /// A network error in words: the system's message for an errno (NIO's own text of a refused
    /// connection reads "connection reset (error set): Connection refused) (errno: 111)").
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        let text = "\(error)"
        if text.contains("handshakeFailed") || text.contains("BoringSSL") {
            return "the TLS handshake failed (does the server speak https? the emulator speaks http)"
        }
        return text
    }

    /// The base URL as gongmap uses it: without a trailing `/`, and without `/v2` or `/v2/crm`,
    /// which admins copy along with the host (the paths are added per call).
    static func normalized(_ baseURL: String) -> String {
        var url = baseURL.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        for suffix in ["/v2/crm", "/v2"] where url.hasSuffix(suffix) {
            url.removeLast(suffix.count)
            break
        }
        return url
    }

    /// What is wrong with a base URL, or nil: it needs http(s) and a host.
    public static func problem(withBaseURL text: String) -> String? {
        guard let components = URLComponents(string: normalized(text)), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty else {
            return "the base URL '\(text)' is not an http(s) address with a host: give it as https://us-12345.api.gong.io (Gong's API settings page shows yours)"
        }
        return nil
    }

    /// base, 2 × base, 4 × base, … up to 30 s, each with ±50% jitter.
    static func backoff(attempt: Int, base: Double) -> TimeInterval {
        min(30, base * pow(2, Double(attempt - 1))) * Double.random(in: 0.5...1.5)
    }
}
