/// A value on its way through a transform pipeline.
public enum TransformValue: Sendable, Hashable {
    case missing
    case text(String)
    case list([String])

    init(_ text: String) { self = text.isEmpty ? .missing : .text(text) }

    var text: String? {
        switch self {
        case .missing: nil
        case .text(let text): text
        case .list(let items): items.isEmpty ? nil : items.joined(separator: ";")
        }
    }

    func mapText(_ body: (String) -> String) -> TransformValue {
        switch self {
        case .missing: .missing
        case .text(let text): TransformValue(body(text))
        case .list(let items): .list(items.map(body).filter { !$0.isEmpty })
        }
    }
}
