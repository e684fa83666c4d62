/// One line of a screen's key-binding table: the keys, what they do, and how hints and help
/// name it. The same table drives dispatch, the status bar, the `?` overlay and README.
public struct KeyBinding<Action: Hashable & Sendable>: Sendable {
    public var keys: [Key]
    public var action: Action
    /// A word or two for the status bar ("save"); nil keeps it out of the bar.
    public var hint: String?
    /// A sentence for the help overlay.
    public var help: String

    public init(_ keys: [Key], _ action: Action, hint: String? = nil, help: String) {
        self.keys = keys
        self.action = action
        self.hint = hint
        self.help = help
    }

    /// `Ctrl-S`, or `↑/k` for several keys.
    public func keyNames(ascii: Bool = false) -> String { keys.map { $0.name(ascii: ascii) }.joined(separator: "/") }
}

/// A screen's key-binding table, in the order it is shown.
public struct KeyMap<Action: Hashable & Sendable>: Sendable {
    public var title: String
    public var bindings: [KeyBinding<Action>]

    public init(_ title: String, _ bindings: [KeyBinding<Action>]) {
        self.title = title
        self.bindings = bindings
    }

    /// The action of the first binding with `key`.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// Keys bound twice in this table: a mistake the tests look for.
    public var conflicts: [Key] {
        var seen: Set<Key> = [], twice: [Key] = []
        for key in bindings.flatMap(\.keys) where !seen.insert(key).inserted { twice.append(key) }
        return twice
    }

    /// Status-bar hints that fit in `width` columns, in table order: `[(keys, hint)]`.
    public func hints(fitting width: Int, ascii: Bool = false) -> [(keys: String, hint: String)] {
        var result: [(String, String)] = [], used = 0
        for binding in bindings {
            guard let hint = binding.hint else { continue }
            let keys = binding.keys.first.map { $0.name(ascii: ascii) } ?? ""
            let cost = DisplayWidth.of(keys) + 1 + DisplayWidth.of(hint) + 2
            if used + cost > width { break }
            result.append((keys, hint))
            used += cost
        }
        return result
    }
}
