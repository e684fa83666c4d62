import Foundation
import GongCRM
import GongEmulator
import Testing

/// A clock the tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: TimeInterval = 1_700_000_000
    var now: TimeInterval { lock.lock(); defer { lock.unlock() }; return value }
    func advance(_ seconds: TimeInterval) { lock.lock(); value += seconds; lock.unlock() }
}

/// Calls the emulator as a client would.
struct Caller {
    let core: EmulatorCore
    var credentials = "demo-access-key:demo-secret"

    /// An emulator without rate limits on `clock`, as `configure` sets it.
    init(clock: ManualClock, _ configure: (inout EmulatorOptions) -> Void = { _ in }) {
        var options = EmulatorOptions()
        options.rateLimited = false
        configure(&options)
        core = EmulatorCore(options: options, clock: { clock.now })
    }

    init(core: EmulatorCore) { self.core = core }

    var authorization: [String: String] { ["Authorization": "Basic " + Data(credentials.utf8).base64EncodedString()] }

    /// A JSON body goes with its Content-Type, as Gong wants (§6b #10).
    func call(_ method: String, _ path: String, _ query: [(String, String)] = [], json: String? = nil, headers: [String: String] = [:]) -> EmulatorReply {
        let declared = json == nil ? [:] : ["Content-Type": "application/json"]
        return core.handle(method: method, path: path, query: query, headers: authorization.merging(declared) { $1 }.merging(headers) { $1 }, body: Data((json ?? "").utf8))
    }

    func upload(_ type: String, _ lines: String, integration: Int64, clientRequestId: String) -> EmulatorReply {
        let boundary = "XyZ123"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"dataFile\"; filename=\"x.ldjson\"\r\nContent-Type: application/octet-stream\r\n\r\n\(lines)\r\n--\(boundary)--\r\n"
        return core.handle(method: "POST", path: "/v2/crm/entities",
                           query: [("integrationId", String(integration)), ("objectType", type), ("clientRequestId", clientRequestId)],
                           headers: authorization.merging(["Content-Type": "multipart/form-data; boundary=\(boundary)"]) { $1 }, body: Data(body.utf8))
    }

    func register() throws -> Int64 {
        let reply = call("PUT", "/v2/crm/integrations", json: #"{"name":"Test","ownerEmail":"ops@acme.example"}"#)
        return try #require(try JSONDecoder().decode(GongAPI.RegistrationResponse.self, from: reply.body).integrationId)
    }

    func status(_ integration: Int64, _ clientRequestId: String) throws -> GongAPI.RequestStatusResponse {
        let reply = call("GET", "/v2/crm/request-status", [("integrationId", String(integration)), ("clientRequestId", clientRequestId)])
        return try JSONDecoder().decode(GongAPI.RequestStatusResponse.self, from: reply.body)
    }
}

func errors(_ reply: EmulatorReply) -> [String] {
    (try? JSONDecoder().decode(GongAPI.ErrorResponse.self, from: reply.body).errors) ?? nil ?? []
}

@Suite("Gong emulator core")
struct EmulatorCoreTests {
    let clock = ManualClock()

    func caller(_ configure: (inout EmulatorOptions) -> Void = { _ in }) -> Caller { Caller(clock: clock, configure) }

    @Test func wrongCredentialsAre401WithGongsErrorBody() {
        var client = caller()
        client.credentials = "demo-access-key:wrong"
        let reply = client.call("GET", "/v2/crm/integrations")
        #expect(reply.status == 401)
        let body = try? JSONDecoder().decode(GongAPI.ErrorResponse.self, from: reply.body)
        #expect((18...19).contains(body?.requestId?.count ?? 0))
        #expect(body?.errors?.isEmpty == false)
    }

    @Test func oneIntegrationAtATime() throws {
        let client = caller()
        let id = try client.register()
        #expect(id > Int64(Int32.max))
        #expect(client.call("PUT", "/v2/crm/integrations", json: #"{"name":"Again","ownerEmail":"a@b.example"}"#).status == 409)
        #expect(client.call("PUT", "/v2/crm/integrations", json: #"{"name":""}"#).status == 400)
        let list = try JSONDecoder().decode(GongAPI.IntegrationsResponse.self, from: client.call("GET", "/v2/crm/integrations").body)
        #expect(list.integrations?.map(\.integrationId) == [id])
    }

    @Test func schemaUpdatesFollowTheDocumentedRules() throws {
        let client = caller()
        let id = try client.register()
        let query = [("integrationId", String(id)), ("objectType", "ACCOUNT")]
        #expect(client.call("POST", "/v2/crm/entity-schema", query, json: #"[{"uniqueName":"A","label":"A","type":"STRING"}]"#).status == 200)
        #expect(client.call("POST", "/v2/crm/entity-schema", query, json: #"[{"uniqueName":"A","label":"A","type":"STRING"},{"uniqueName":"B","label":"B","type":"NUMBER"}]"#).status == 200)
        let onlyC = client.call("POST", "/v2/crm/entity-schema", query, json: #"[{"uniqueName":"C","label":"C","type":"STRING"}]"#)
        #expect(onlyC.status == 400)
        #expect(errors(onlyC).first?.contains("missing: A, B") == true)
        #expect(client.call("POST", "/v2/crm/entity-schema", query,
                            json: #"[{"uniqueName":"B","label":"B","type":"NUMBER"},{"uniqueName":"C","label":"C","type":"STRING"},{"uniqueName":"A","label":"A","type":"STRING","isDeleted":true}]"#).status == 200)
        let list = try JSONDecoder().decode(GongAPI.SchemaListResponse.self, from: client.call("GET", "/v2/crm/entity-schema", query).body)
        let listed = list.objectTypeToSelectedFields?["ACCOUNT"] ?? []
        #expect(listed.filter { $0.isDeleted != true }.map(\.uniqueName) == ["B", "C"])
        #expect(listed.filter { $0.isDeleted == true }.map(\.uniqueName) == ["A"], "a deleted field stays listed, marked deleted")
        // A deleted field need not be sent again.
        #expect(client.call("POST", "/v2/crm/entity-schema", query, json: #"[{"uniqueName":"B","label":"B","type":"NUMBER"},{"uniqueName":"C","label":"C","type":"STRING"}]"#).status == 200)
        #expect(client.call("POST", "/v2/crm/entity-schema", query, json: #"[{"uniqueName":"B","label":"B","type":"NUMBER"},{"uniqueName":"C","label":"C","type":"STRING"},{"uniqueName":"T","label":"T","type":"PICKLIST"}]"#).status == 400)
        #expect(client.call("POST", "/v2/crm/entity-schema", [("integrationId", String(id)), ("objectType", "STAGE")], json: "[]").status == 400)
    }

    @Test func uploadsAreProcessedAsynchronouslyWithLineErrors() throws {
        let client = caller()
        let id = try client.register()
        let lines = [
            #"{"objectId":"acc-1","modifiedDate":"2024-03-01T10:00:00Z","name":"Acme","domains":["acme.example"]}"#,
            #"{"objectId":"acc-2","modifiedDate":"2024-03-01T10:00:00.000Z"}"#,
            #"{"objectId":"acc_3","modifiedDate":"2024-03-01T10:00:00Z"}"#,
            #"{"modifiedDate":"2024-03-01T10:00:00Z"}"#,
            #"{"objectId":"acc-1","modifiedDate":"2024-03-02T10:00:00Z"}"#,
            "not json",
            #"{"objectId":"ann@acme.example","modifiedDate":"2024-03-01T10:00:00Z","domains":"acme.example"}"#,
            #"{"objectId":"acc-4","modifiedDate":"2024-03-01T10:00:00Z","isDeleted":"true"}"#,
        ].joined(separator: "\n") + "\n"
        #expect(client.upload("ACCOUNT", lines, integration: id, clientRequestId: "bad id!").status == 400)
        #expect(client.upload("ACCOUNTS", lines, integration: id, clientRequestId: "acct-1").status == 400)
        let accepted = client.upload("ACCOUNT", lines, integration: id, clientRequestId: "acct-1")
        #expect(accepted.status == 201)
        #expect(client.upload("ACCOUNT", lines, integration: id, clientRequestId: "acct-1").status == 409)
        #expect(try client.status(id, "acct-1").status == .pending)
        clock.advance(0.25)
        #expect(try client.status(id, "acct-1").status == .inProgress)
        clock.advance(1)
        let status = try client.status(id, "acct-1")
        #expect(status.status == .failed)
        #expect(status.totalSuccessCount == 1)
        #expect(status.totalErrorCount == 7)
        #expect(status.errors?.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
        #expect(status.errors?[0].description?.contains("milliseconds") == true)
        #expect(status.errors?[2].description == "Mandatory field [objectId] is missing or empty")
        #expect((try client.core.stats()).records["ACCOUNT"] == 1)
        let entities = client.call("GET", "/v2/crm/entities", [("integrationId", String(id)), ("objectType", "ACCOUNT")], json: #"["acc-1","acc-9"]"#)
        let map = try #require(try JSONSerialization.jsonObject(with: entities.body) as? [String: Any])["crmObjectsMap"] as? [String: Any]
        #expect((map?["acc-1"] as? [String: Any])?["name"] as? String == "Acme")
        #expect(map?["acc-9"] is NSNull)
    }

    @Test func typesAndCustomFieldsAreChecked() throws {
        let client = caller()
        let id = try client.register()
        _ = client.call("POST", "/v2/crm/entity-schema", [("integrationId", String(id)), ("objectType", "DEAL")],
                        json: #"[{"uniqueName":"tier","label":"Tier","type":"PICKLIST","orderedValueList":["Gold"]},{"uniqueName":"share","label":"Share","type":"PERCENT"}]"#)
        let lines = [
            #"{"objectId":"d1","modifiedDate":"2024-03-01T10:00:00Z","status":"OPEN","amount":10.5,"closeDate":"2024-06-01","tier":"Gold","share":50}"#,
            #"{"objectId":"d2","modifiedDate":"2024-03-01T10:00:00Z","status":"Open"}"#,
            #"{"objectId":"d3","modifiedDate":"2024-03-01T10:00:00Z","amount":"10"}"#,
            #"{"objectId":"d4","modifiedDate":"2024-03-01T10:00:00Z","tier":"Bronze"}"#,
            #"{"objectId":"d5","modifiedDate":"2024-03-01T10:00:00Z","share":150}"#,
            #"{"objectId":"d6","modifiedDate":"2024-03-01T10:00:00Z","closeDate":"06/01/2024","tier":null}"#,
        ].joined(separator: "\n")
        _ = client.upload("DEAL", lines, integration: id, clientRequestId: "deal-1")
        clock.advance(1)
        let status = try client.status(id, "deal-1")
        #expect(status.errors?.map(\.line) == [2, 3, 4, 5, 6])
        #expect(status.totalSuccessCount == 1)
    }

    @Test func deletionsAndOlderVersions() throws {
        let client = caller()
        let id = try client.register()
        _ = client.upload("CONTACT", #"{"objectId":"c1","modifiedDate":"2024-03-02T10:00:00Z","firstName":"New"}"#, integration: id, clientRequestId: "c-1")
        clock.advance(1)
        _ = client.upload("CONTACT", #"{"objectId":"c1","modifiedDate":"2024-03-01T10:00:00Z","firstName":"Old"}"#, integration: id, clientRequestId: "c-2")
        clock.advance(1)
        let entities = client.call("GET", "/v2/crm/entities", [("integrationId", String(id)), ("objectType", "CONTACT")], json: #"["c1"]"#)
        #expect(String(decoding: entities.body, as: UTF8.self).contains("New"))
        _ = client.upload("CONTACT", #"{"objectId":"c1","modifiedDate":"2024-03-03T10:00:00Z","isDeleted":true}"#, integration: id, clientRequestId: "c-3")
        clock.advance(1)
        #expect(try client.status(id, "c-3").status == .done)
        #expect((try client.core.stats()).records["CONTACT"] == 0)
    }

    @Test func rateLimitsAnswer429WithRetryAfter() throws {
        let client = caller { $0.rateLimited = true; $0.callsPerDay = 5 }
        for _ in 0..<3 { #expect(client.call("GET", "/v2/crm/integrations").status == 200) }
        let limited = client.call("GET", "/v2/crm/integrations")
        #expect(limited.status == 429)
        #expect(Int(limited.headers["Retry-After"] ?? "") ?? 0 >= 1)
        clock.advance(1)
        #expect(client.call("GET", "/v2/crm/integrations").status == 200)
        clock.advance(1)
        #expect(client.call("GET", "/v2/crm/integrations").status == 200)
        clock.advance(1)
        let daily = client.call("GET", "/v2/crm/integrations")
        #expect(daily.status == 429)
        #expect(Int(daily.headers["Retry-After"] ?? "") ?? 0 > 80_000)
        #expect((try client.core.stats()).rateLimited == 2)
    }

    @Test func deletingTheIntegrationRemovesItsData() throws {
        let client = caller()
        let id = try client.register()
        _ = client.upload("ACCOUNT", #"{"objectId":"a1","modifiedDate":"2024-03-01T10:00:00Z"}"#, integration: id, clientRequestId: "a-1")
        clock.advance(1)
        let delete = client.call("DELETE", "/v2/crm/integrations", [("integrationId", String(id)), ("clientRequestId", "teardown-1")])
        #expect(delete.status == 201)
        clock.advance(1)
        #expect(try client.status(id, "teardown-1").status == .done)
        #expect((try client.core.stats()).records["ACCOUNT"] == 0)
        #expect(try client.register() != id)
    }

    @Test func injectedFailuresEndFilesFailedWithAGeneralError() throws {
        let client = caller { $0.failedFileShare = 1 }
        let id = try client.register()
        _ = client.upload("ACCOUNT", #"{"objectId":"a1","modifiedDate":"2024-03-01T10:00:00Z"}"#, integration: id, clientRequestId: "a-1")
        clock.advance(1)
        let status = try client.status(id, "a-1")
        #expect(status.status == .failed)
        #expect(status.errors?.map(\.line) == [0])
    }

    @Test func emptyFilesAndBlankLinesAreErrors() throws {
        let client = caller()
        let id = try client.register()
        _ = client.upload("ACCOUNT", "", integration: id, clientRequestId: "e-1")
        _ = client.upload("ACCOUNT", "{\"objectId\":\"a1\",\"modifiedDate\":\"2024-03-01T10:00:00Z\"}\r\n\r\n", integration: id, clientRequestId: "e-2")
        clock.advance(1)
        #expect(try client.status(id, "e-1").errors?.map(\.line) == [0])
        let blank = try client.status(id, "e-2")
        #expect(blank.errors?.map(\.line) == [2])
        #expect(blank.totalSuccessCount == 1)
    }
}
