/// A tree (an account with its contacts and deals): ←/→ or Enter fold and unfold, the rest moves
/// like a list. Nodes are values; only expanded ones show their children.
public struct TreeView: Sendable {
    public struct Node: Hashable, Sendable {
        public var id: String
        public var label: [Span]
        public var children: [Node]

        public init(id: String, label: [Span], children: [Node] = []) {
            self.id = id
            self.label = label
            self.children = children
        }
    }

    public struct State: Hashable, Sendable {
        public var expanded: Set<String> = []
        public var selection = Selection()

        public init(expanded: Set<String> = []) { self.expanded = expanded }
    }

    /// A shown row: its node, depth, and for each ancestor level whether more siblings follow.
    public struct Row: Hashable, Sendable {
        public var node: Node
        public var depth: Int
        public var continues: [Bool]
        public var isLast: Bool
    }

    public var roots: [Node]

    public init(roots: [Node]) { self.roots = roots }

    public func rows(_ state: State) -> [Row] {
        var result: [Row] = []
        func visit(_ nodes: [Node], depth: Int, continues: [Bool]) {
            for (index, node) in nodes.enumerated() {
                let isLast = index == nodes.count - 1
                result.append(Row(node: node, depth: depth, continues: continues, isLast: isLast))
                if state.expanded.contains(node.id) { visit(node.children, depth: depth + 1, continues: continues + [!isLast]) }
            }
        }
        visit(roots, depth: 0, continues: [])
        return result
    }

    public func handle(_ key: Key, state: inout State, visible: Int) -> Bool {
        let shown = rows(state)
        guard !shown.isEmpty else { return false }
        let row = shown[min(state.selection.selected, shown.count - 1)]
        switch key {
        case .right, .char("l"), .enter where !state.expanded.contains(row.node.id):
            guard !row.node.children.isEmpty else { return key != .enter }
            state.expanded.insert(row.node.id)
        case .left, .char("h"), .enter:
            if state.expanded.contains(row.node.id) {
                state.expanded.remove(row.node.id)
            } else if key != .enter, row.depth > 0, let parent = shown[..<state.selection.selected].lastIndex(where: { $0.depth == row.depth - 1 }) {
                state.selection.select(parent, count: shown.count, visible: visible)
            }
        default: return state.selection.handle(key, count: shown.count, visible: visible)
        }
        return true
    }

    public func render(in rect: Rect, into buffer: inout ScreenBuffer, state: inout State, focused: Bool, context: RenderContext) {
        let shown = rows(state)
        state.selection.keepVisible(count: shown.count, visible: rect.height)
        let symbols = context.symbols
        for line in 0..<rect.height {
            let index = state.selection.offset + line
            let area = Rect(x: rect.x, y: rect.y + line, width: rect.width, height: 1)
            guard index < shown.count else {
                buffer.writeLine("", in: area, style: context[.text])
                continue
            }
            let row = shown[index]
            let selected = index == state.selection.selected
            let base = selected ? context[focused ? .selection : .selectionInactive] : context[.text]
            var prefix = row.continues.dropFirst().map { $0 ? symbols.treePipe : "  " }.joined()
            if row.depth > 0 { prefix += row.isLast ? symbols.treeLast : symbols.treeBranch }
            let fold = row.node.children.isEmpty ? " " : state.expanded.contains(row.node.id) ? symbols.expanded : symbols.collapsed
            var spans = [Span(prefix, style: context[.muted]), Span(fold + " ", style: context[.accent])]
            spans += row.node.label.map { Span($0.text, style: selected ? base : base.patched(with: $0.style)) }
            buffer.writeLine(spans, in: area, fill: base)
        }
    }
}
