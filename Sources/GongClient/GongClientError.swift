import Foundation

/// What went wrong talking to Gong, in words a CRM admin can act on. Never holds the secret.
public enum GongClientError: Error, CustomStringConvertible, Sendable {
    /// Gong answered with an error status and (usually) its messages.
    case rejected(status: Int, endpoint: String, messages: [String], requestId: String?)
    /// No answer after every retry.
    case unreachable(endpoint: String, reason: String, attempts: Int)
    /// An answer that is not what the API documents.
    case unexpectedAnswer(endpoint: String, reason: String)

    public var description: String {
        switch self {
        case .rejected(let status, let endpoint, let messages, let requestId):
            let lacksScope = messages.contains { $0.contains("permission to use") }
            let hint: String = switch status {
            case 401 where lacksScope: "; the credentials may not use this part of Gong's API: ask a Gong technical administrator to allow it"
            case 404: "; check the base URL: Gong's API host only, such as https://us-12345.api.gong.io"
            case 401: "; check the access key and secret (GONG_ACCESS_KEY / GONG_ACCESS_KEY_SECRET or the credentials file), and that they may use the CRM API"
            case 403: "; the credentials lack the permission this call needs: ask a Gong technical administrator"
            case 409: "; Gong says this was done already"
            case 413: "; the file is larger than Gong takes (200 MB)"
            case 429: "; Gong's rate limit was hit on every retry"
            default: ""
            }
            let reference = requestId.map { " (Gong request \($0))" } ?? ""
            return "Gong answered \(status) to \(endpoint): \(messages.isEmpty ? "no details" : messages.joined(separator: "; "))\(reference)\(hint)"
        case .unreachable(let endpoint, let reason, let attempts):
            return "\(endpoint): no answer after \(attempts == 1 ? "1 attempt" : "\(attempts) attempts"), the last one: \(reason); check the base URL and the network"
        case .unexpectedAnswer(let endpoint, let reason):
            return "\(endpoint): unexpected answer (\(reason))"
        }
    }

    /// Gong refused the credentials or their permissions: a configuration problem, not a stop.
    public var isAuthorization: Bool { status == 401 || status == 403 }

    /// The base URL, the credentials or what answers there is wrong: for the admin to fix, not a passing stop.
    public var isConfiguration: Bool {
        if isAuthorization || status == 404 { return true }
        if case .unexpectedAnswer = self { return true }
        return false
    }

    public var status: Int? {
        if case .rejected(let status, _, _, _) = self { return status }
        return nil
    }
}

/// Things worth showing while the client works.
public enum ClientEvent: Sendable, Equatable {
    /// One HTTP attempt and its status (nil when no answer came).
    case called(endpoint: String, status: Int?)
    case waitedForRateLimit(seconds: TimeInterval)
    case retrying(endpoint: String, attempt: Int, after: TimeInterval, reason: String)
}

extension ClientEvent {
    /// The event as a line of a log, or nil for one not worth a line (each call).
    public var line: String? {
        switch self {
        case .called: nil
        case .waitedForRateLimit(let seconds): "  waited \(Self.seconds(seconds)) s for the rate limit"
        case .retrying(let endpoint, let attempt, let after, let reason): "  \(endpoint): \(reason), attempt \(attempt) in \(Self.seconds(after)) s"
        }
    }

    private static func seconds(_ value: TimeInterval) -> String { String(format: "%.1f", value) }
}
