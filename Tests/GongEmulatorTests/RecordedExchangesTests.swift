import Foundation
import GongCRM
import GongEmulator
import Testing

/// The emulator answers as real Gong did in the recorded exchanges of gong-crm-api.md §6b
/// (NangoHQ/integration-templates, integrations/gong/tests, June 2026): the same status, the same
/// body shape, Gong's own message texts.
@Suite("Recorded Gong exchanges")
struct RecordedExchangesTests {
    let clock = ManualClock()

    func caller(_ configure: (inout EmulatorOptions) -> Void = { _ in }) -> Caller { Caller(clock: clock, configure) }

    /// The body as a JSON object, with the requestId checked as Gong makes them: 18 or 19 lowercase letters and digits.
    func body(_ reply: EmulatorReply, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any], sourceLocation: sourceLocation)
        let requestId = try #require(object["requestId"] as? String, sourceLocation: sourceLocation)
        #expect((18...19).contains(requestId.count), sourceLocation: sourceLocation)
        #expect(requestId.allSatisfy { $0.isLowercase || $0.isNumber }, sourceLocation: sourceLocation)
        return object
    }

    func onlyError(_ reply: EmulatorReply, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        let object = try body(reply, sourceLocation: sourceLocation)
        #expect(Set(object.keys) == ["requestId", "errors"], sourceLocation: sourceLocation)
        let errors = object["errors"] as? [String] ?? []
        #expect(errors.count == 1, sourceLocation: sourceLocation)
        return errors.first
    }

    @Test func getEntitiesWithoutAJSONBodyIs415() throws {
        let client = caller()
        let id = try client.register()
        let reply = client.call("GET", "/v2/crm/entities", [("integrationId", String(id)), ("objectType", "DEAL")])
        #expect(reply.status == 415)
        #expect(try onlyError(reply) == "Unsupported Media Type")
        let withIds = client.call("GET", "/v2/crm/entities", [("integrationId", String(id)), ("objectType", "DEAL")], json: #"["opp-1"]"#)
        #expect(withIds.status == 200)
        #expect((try body(withIds)["crmObjectsMap"] as? [String: Any])?["opp-1"] is NSNull)
    }

    @Test(arguments: [
        ("GET", "/v2/crm/entity-schema", "api:crm:schema"),
        ("GET", "/v2/crm/integrations", "api:crm:integrations:read"),
        ("DELETE", "/v2/crm/integrations", "api:crm:integration:delete"),
    ])
    func aMissingScopeIs401WithGongsText(method: String, path: String, scope: String) throws {
        let client = caller { $0.withoutScopes = [scope] }
        let reply = client.call(method, path, [("integrationId", "123"), ("objectType", "ACCOUNT"), ("clientRequestId", "test-delete-16")])
        #expect(reply.status == 401)
        #expect(try onlyError(reply) == "You don't have permission to use '\(scope)' in your app.")
    }

    @Test func aFailedFileReportsItsLinesAsRecorded() throws {
        let client = caller()
        let id = try client.register()
        #expect(client.upload("BUSINESS_USER", #"{"objectId":"u1","modifiedDate":"2026-01-15T10:00:00Z"}"#, integration: id, clientRequestId: "req-test-001").status == 201)
        clock.advance(5)
        let reply = client.call("GET", "/v2/crm/request-status", [("clientRequestId", "req-test-001"), ("integrationId", String(id))])
        #expect(reply.status == 200)
        let object = try body(reply)
        #expect(Set(object.keys) == ["requestId", "status", "errors", "totalErrorCount", "totalSuccessCount"])
        #expect(object["status"] as? String == "FAILED")
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 1 && Set(errors[0].keys) == ["line", "description"])
        #expect(errors[0]["line"] as? Int == 1)
        #expect(errors[0]["description"] as? String == "Mandatory field [emailAddress] is missing or empty")
        #expect(object["totalErrorCount"] as? Int == 1)
        #expect(object["totalSuccessCount"] as? Int == 0)
    }

    @Test func aSecondRegistrationIs409WithGongsText() throws {
        let client = caller()
        _ = try client.register()
        let reply = client.call("PUT", "/v2/crm/integrations", json: #"{"ownerEmail":"api@nango.dev","name":"Nango Test Integration"}"#)
        #expect(reply.status == 409)
        #expect(try onlyError(reply) == "Your organization already has an active GENERIC CRM integration. Only 1 active integration is supported. "
                + "Please disconnect the existing GENERIC CRM integration before creating a new Generic CRM integration")
    }

    @Test func theIntegrationIdIsAJSONIntegerOf64Bits() throws {
        let client = caller()
        let id = try client.register()
        let text = String(decoding: client.call("GET", "/v2/crm/integrations").body, as: UTF8.self)
        #expect(text.contains("\"integrationId\":\(id)"), "written as an integer, never rounded through a double")
        #expect(String(id).count == 19)
    }

    @Test func aSchemaUploadIs200WithOnlyARequestId() throws {
        let client = caller()
        let id = try client.register()
        let reply = client.call("POST", "/v2/crm/entity-schema", [("integrationId", String(id)), ("objectType", "ACCOUNT")],
                                json: #"[{"uniqueName":"testField","label":"Test Field","type":"STRING","lastModified":"2026-06-12T00:00:00Z"}]"#)
        #expect(reply.status == 200)
        #expect(Set(try body(reply).keys) == ["requestId"])
    }

    @Test func anUploadWithoutADataFilePartIs400() throws {
        let client = caller()
        let id = try client.register()
        let boundary = "----FormBoundaryNangoFixed"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"entities.ldjson\"\r\n\r\n{}\r\n--\(boundary)--\r\n"
        let reply = client.core.handle(method: "POST", path: "/v2/crm/entities",
                                       query: [("clientRequestId", "test-request-1"), ("integrationId", String(id)), ("objectType", "ACCOUNT")],
                                       headers: client.authorization.merging(["Content-Type": "multipart/form-data; boundary=\(boundary)"]) { $1 }, body: Data(body.utf8))
        #expect(reply.status == 400)
        #expect(try onlyError(reply) == "dataFile part is missing")
    }

    @Test func jsonBodiesMustSayTheyAreJSON() throws {
        let client = caller()
        let register = client.call("PUT", "/v2/crm/integrations", json: #"{"name":"A","ownerEmail":"a@b.example"}"#, headers: ["Content-Type": "text/plain"])
        #expect(register.status == 415)
        let id = try client.register()
        let schema = client.call("POST", "/v2/crm/entity-schema", [("integrationId", String(id)), ("objectType", "ACCOUNT")],
                                 json: #"[{"uniqueName":"a","label":"A","type":"STRING"}]"#, headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(schema.status == 415)
    }
}

/// Where the emulator was less strict than Gong's documentation, or leaked data.
@Suite("Emulator rules")
struct EmulatorRulesTests {
    let clock = ManualClock()

    func caller(_ configure: (inout EmulatorOptions) -> Void = { _ in }) -> Caller { Caller(clock: clock, configure) }

    @Test func stringArraysAndMalformedDatesAreNotCustomFields() throws {
        let client = caller { $0.initialSchema = [.account: [GongAPI.SchemaField(uniqueName: "domains", label: "Domains", type: "STRINGARRAY")]] }
        let id = try client.register()
        let query = [("integrationId", String(id)), ("objectType", "ACCOUNT")]
        let array = client.call("POST", "/v2/crm/entity-schema", query,
                                json: #"[{"uniqueName":"domains","label":"Domains","type":"STRINGARRAY"},{"uniqueName":"tags","label":"Tags","type":"STRINGARRAY"}]"#)
        #expect(array.status == 400)
        #expect(errors(array).first?.contains("STRINGARRAY is not a type for custom fields") == true)
        let date = client.call("POST", "/v2/crm/entity-schema", query,
                               json: #"[{"uniqueName":"domains","label":"Domains","type":"STRINGARRAY"},{"uniqueName":"t","label":"T","type":"STRING","lastModified":"2024-03-01 10:00"}]"#)
        #expect(date.status == 400)
        // Gong's own STRINGARRAY field may be sent back as it is.
        #expect(client.call("POST", "/v2/crm/entity-schema", query,
                            json: #"[{"uniqueName":"domains","label":"Domains","type":"STRINGARRAY"},{"uniqueName":"t","label":"T","type":"STRING","lastModified":"2024-03-01T10:00:00Z"}]"#).status == 200)
    }

    @Test func aNewIntegrationStartsWithTheGivenSchema() throws {
        let client = caller { $0.initialSchema = [.deal: [GongAPI.SchemaField(uniqueName: "legacy", label: "Legacy", type: "STRING", isDeleted: true),
                                                           GongAPI.SchemaField(uniqueName: "score", label: "Score", type: "NUMBER")]] }
        let id = try client.register()
        let list = try JSONDecoder().decode(GongAPI.SchemaListResponse.self, from: client.call("GET", "/v2/crm/entity-schema", [("integrationId", String(id)), ("objectType", "DEAL")]).body)
        #expect(list.objectTypeToSelectedFields?["DEAL"]?.map(\.uniqueName) == ["legacy", "score"])
        #expect(list.objectTypeToSelectedFields?["DEAL"]?.first?.isDeleted == true)
    }

    @Test func aFileOfADeletedIntegrationNeverReachesTheNextOne() throws {
        let client = caller()
        let first = try client.register()
        // Sent just before the delete, processed after it.
        #expect(client.upload("ACCOUNT", #"{"objectId":"a1","modifiedDate":"2024-03-01T10:00:00Z"}"#, integration: first, clientRequestId: "a-1").status == 201)
        #expect(client.call("DELETE", "/v2/crm/integrations", [("integrationId", String(first)), ("clientRequestId", "bye-1")]).status == 201)
        #expect(client.upload("ACCOUNT", #"{"objectId":"a2","modifiedDate":"2024-03-01T10:00:00Z"}"#, integration: first, clientRequestId: "a-2").status == 400,
                "no uploads while the integration is being deleted")
        clock.advance(1)
        let second = try client.register()
        #expect(second != first)
        #expect((try client.core.stats()).records["ACCOUNT"] == 0)
        #expect(try client.status(first, "bye-1").status == .done)
    }

    @Test(arguments: [("Müller-1", true), ("株式会社-7", true), ("acc-１２", true), ("acc€1", false), ("acc 1", false), ("acc—1", false), ("ann@acme.example", true)])
    func objectIdsAreLettersAndDigitsOfAnyScriptOrEmails(objectId: String, allowed: Bool) throws {
        let client = caller()
        let id = try client.register()
        _ = client.upload("ACCOUNT", #"{"objectId":"\#(objectId)","modifiedDate":"2024-03-01T10:00:00Z"}"#, integration: id, clientRequestId: "a-1")
        clock.advance(1)
        #expect(try client.status(id, "a-1").status == (allowed ? .done : .failed))
    }
}
