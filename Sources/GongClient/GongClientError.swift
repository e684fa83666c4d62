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
            let hint: String = switch status {
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
