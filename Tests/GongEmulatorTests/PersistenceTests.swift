import Foundation
import GongCRM
import GongEmulator
import Testing

@Suite("Gong emulator data in SQLite")
struct PersistenceTests {
    let clock = ManualClock()

    func caller(_ folder: String) throws -> Caller {
        var options = EmulatorOptions()
        options.rateLimited = false
        let clock = self.clock
        return Caller(core: try EmulatorCore(options: options, dataDirectory: folder, clock: { clock.now }))
    }

    @Test func aRestartedEmulatorKeepsItsIntegrationSchemasRecordsAndRequests() throws {
        let folder = NSTemporaryDirectory() + "gongmap-emulator-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let id: Int64
        do {
            let first = try caller(folder)
            id = try first.register()
            let schema = #"[{"uniqueName":"tier","label":"Tier","type":"STRING"}]"#
            #expect(first.call("POST", "/v2/crm/entity-schema", [("integrationId", String(id)), ("objectType", "ACCOUNT")], json: schema).status == 200)
            _ = first.upload("ACCOUNT", """
                {"objectId":"a1","modifiedDate":"2024-03-01T10:00:00Z","name":"Acme","tier":"Gold"}
                {"objectId":"a2","modifiedDate":"2024-03-01T10:00:00Z","name":"Globex"}
                """, integration: id, clientRequestId: "a-1")
            clock.advance(1)
            #expect(try first.status(id, "a-1").status == .done)
            _ = first.upload("ACCOUNT", #"{"objectId":"a2","modifiedDate":"2024-03-02T10:00:00Z","isDeleted":true}"#, integration: id, clientRequestId: "a-2")
            // The second file is still waiting when the emulator stops.
        }
        let restarted = try caller(folder)
        #expect(try restarted.status(id, "a-1").totalSuccessCount == 2)
        #expect(restarted.upload("ACCOUNT", "{}", integration: id, clientRequestId: "a-1").status == 409, "a used clientRequestId stays used")
        clock.advance(1)
        #expect(try restarted.status(id, "a-2").status == .done, "a file received before the restart is processed after it")
        let stats = (try restarted.core.stats())
        #expect(stats.records["ACCOUNT"] == 1)
        #expect(stats.requestsReceived == 8)
        let listed = restarted.call("GET", "/v2/crm/entity-schema", [("integrationId", String(id)), ("objectType", "ACCOUNT")])
        #expect(String(decoding: listed.body, as: UTF8.self).contains("\"tier\""))
        let entities = restarted.call("GET", "/v2/crm/entities", [("integrationId", String(id)), ("objectType", "ACCOUNT")], json: #"["a1"]"#)
        #expect(String(decoding: entities.body, as: UTF8.self).contains("Gold"))
    }

    @Test func deletingTheIntegrationAlsoEmptiesTheDatabase() throws {
        let folder = NSTemporaryDirectory() + "gongmap-emulator-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let first = try caller(folder)
            let id = try first.register()
            _ = first.upload("ACCOUNT", #"{"objectId":"a1","modifiedDate":"2024-03-01T10:00:00Z"}"#, integration: id, clientRequestId: "a-1")
            clock.advance(1)
            #expect(first.call("DELETE", "/v2/crm/integrations", [("integrationId", String(id)), ("clientRequestId", "bye-1")]).status == 201)
            clock.advance(1)
            #expect((try first.core.stats()).records["ACCOUNT"] == 0)
        }
        let restarted = try caller(folder)
        #expect((try restarted.core.stats()).records["ACCOUNT"] == 0)
        let list = restarted.call("GET", "/v2/crm/integrations")
        #expect(String(decoding: list.body, as: UTF8.self).contains("\"integrations\":[]"))
    }
}
