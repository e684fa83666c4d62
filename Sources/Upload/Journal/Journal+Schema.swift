import Foundation
import GRDB

/// The custom fields gongmap itself registered in Gong, per integration and entity. Only these may
/// be removed or retyped: Gong may list fields that other tools or Gong itself created
/// (gong-crm-api.md §6b #8), and removing a field deletes its values.
extension Journal {
    /// uniqueName → type of the fields gongmap registered.
    public func managedFields(integrationId: Int64, objectType: String) throws -> [String: String] {
        try pool.read { db in
            var fields: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT uniqueName, type FROM schemaField WHERE integrationId = ? AND objectType = ?",
                                        arguments: [integrationId, objectType]) {
                fields[row["uniqueName"]] = row["type"]
            }
            return fields
        }
    }

    /// After Gong took a schema: `registered` fields are gongmap's (with their type now), `removed` no longer exist.
    public func updateManagedFields(integrationId: Int64, objectType: String, registered: [(name: String, type: String)], removed: [String], at time: String) throws {
        try pool.write { db in
            for field in registered {
                try db.execute(sql: """
                    INSERT INTO schemaField (integrationId, objectType, uniqueName, type, registeredAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (integrationId, objectType, uniqueName) DO UPDATE SET type = excluded.type, registeredAt = excluded.registeredAt
                    """, arguments: [integrationId, objectType, field.name, field.type, time])
            }
            for name in removed {
                try db.execute(sql: "DELETE FROM schemaField WHERE integrationId = ? AND objectType = ? AND uniqueName = ?", arguments: [integrationId, objectType, name])
            }
        }
    }
}
