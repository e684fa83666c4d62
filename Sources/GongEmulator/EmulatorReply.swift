import Foundation
import GongCRM

/// An HTTP answer of the emulator, independent of any server library.
public struct EmulatorReply: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json<T: Encodable>(_ status: Int, _ value: T, headers: [String: String] = [:]) -> EmulatorReply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var all = headers
        all["Content-Type"] = "application/json"
        return EmulatorReply(status: status, headers: all, body: (try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// Gong's error body (gong-crm-api.md §1.5).
    static func error(_ status: Int, _ message: String, requestId: String, headers: [String: String] = [:]) -> EmulatorReply {
        json(status, GongAPI.ErrorResponse(requestId: requestId, errors: [message]), headers: headers)
    }
}

/// A reply can end a handler early, as the error of a `Result`.
extension EmulatorReply: Error {}
