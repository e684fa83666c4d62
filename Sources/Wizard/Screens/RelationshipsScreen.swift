import Foundation
import GongCRM
import TerminalUI
import Validation

/// Step 6: how records link (contacts→accounts, deals→accounts, owners→users, deals→stages,
/// converted leads→targets), with orphans; and a tree of any account with its contacts and deals.
public struct RelationshipsScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case switchPane, writeOrphans }

    public static let keyMap = KeyMap<Action>("Relationships", [
        KeyBinding([.tab, .backTab], .switchPane, hint: "pane", help: "Move between the links and the account tree"),
        KeyBinding([.char("o")], .writeOrphans, hint: "write orphans", help: "Write the orphans (links to missing records) to orphans.csv"),
    ])

    public var links = Table.State()
    public var tree = TreeView.State()
    public var treeFocused = false
    /// The account tree of the graph it was made from (built once per validation).
    private var cachedTree: (graph: RelationshipGraph, tree: TreeView)?

    public init() {}

    public var location: String { "Relationships" }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        guard let session = app.session else { return false }
        if treeFocused { return accountTree(session).handle(key, state: &tree, visible: 12) }
        return links.selection.handle(key, count: session.validation.report?.relationships.count ?? 0, visible: 8)
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        switch action {
        case .switchPane: treeFocused.toggle()
        case .writeOrphans:
            guard let session = app.session, let report = session.validation.report else { return }
            let orphans = session.validation.diagnostics.filter(report.isOrphan)
            DiagnosticExport.write(orphans, named: "orphans.csv", what: "orphans", &app)
        }
    }

    mutating func accountTree(_ session: Session) -> TreeView {
        guard let graph = session.validation.graph else { return TreeView(roots: []) }
        if let cachedTree, cachedTree.graph === graph { return cachedTree.tree }
        let tree = Self.tree(session)
        cachedTree = (graph, tree)
        return tree
    }

    /// Accounts, each with its contacts and its deals (with owner and stage).
    static func tree(_ session: Session) -> TreeView {
        guard let graph = session.validation.graph else { return TreeView(roots: []) }
        let accounts = (graph.nodes[.account] ?? [:]).values.sorted { $0.name < $1.name }
        return TreeView(roots: accounts.map { account in
            let contacts = graph.referring(to: account.objectId, from: .contact, field: "accountId").map { contact in
                TreeView.Node(id: "c:" + contact.objectId, label: [Span("contact ", style: .plain), Span(contact.name)])
            }
            let deals = graph.referring(to: account.objectId, from: .deal, field: "accountId").map { deal in
                let owner = deal.references["ownerId"].map { graph.node(.businessUser, $0)?.name ?? "\($0) (missing user)" } ?? "no owner"
                let stage = deal.references["stage"].map { graph.node(.stage, $0)?.name ?? "\($0) (missing stage)" } ?? "no stage"
                return TreeView.Node(id: "d:" + deal.objectId, label: [Span("deal "), Span(deal.name), Span("  owner \(owner) · \(stage)")])
            }
            return TreeView.Node(id: "a:" + account.objectId, label: [Span(account.name), Span("  \(counted(contacts.count, "contacts")), \(counted(deals.count, "deals"))")],
                                 children: contacts + deals)
        })
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        guard let session = app.session else { return }
        guard let report = session.validation.report else {
            let inside = Panel.render(in: area, into: &buffer, title: "Relationships", focused: true, context: context)
            buffer.write("They appear when validation has run (it runs in the background; see Validate).", x: inside.x + 1, y: inside.y, style: context[.muted], maxX: inside.maxX)
            return
        }
        let tallies = report.relationships
        // The header counts what the table counts; the lines listed and orphans.csv are those links' diagnostics.
        let orphans = session.validation.diagnostics.filter(report.isOrphan)
        let orphanCount = report.orphanCount
        let (top, bottom) = area.splitTop(min(area.height / 2, tallies.count + 3 + min(4, orphanCount + 1)))
        let inside = Panel.render(in: top, into: &buffer, title: "Links", focused: !treeFocused, context: context)
        let table = Table(columns: [
            Table.Column("link", width: 34, minWidth: 20, grows: true), Table.Column("linked", width: 8, alignment: .right),
            Table.Column("orphans", width: 8, alignment: .right), Table.Column("empty", width: 8, alignment: .right),
        ], rowCount: tallies.count, focused: !treeFocused) { row, column in
            let tally = tallies[row]
            switch column {
            case 0: return Span("\(tally.entity.rawValue).\(tally.field) → \(tally.target.rawValue)")
            case 1: return Span(tally.linked.formatted(), style: context[.ok])
            case 2: return Span(tally.missing.formatted(), style: tally.missing > 0 ? context[.error] : .plain)
            default: return Span(tally.empty.formatted(), style: tally.empty > 0 ? context[.warning] : .plain)
            }
        }
        let orphanRows = min(4, orphanCount + 1)
        table.render(in: Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - orphanRows), into: &buffer, state: &links, context: context)
        let orphanArea = Rect(x: inside.x, y: inside.maxY - orphanRows, width: inside.width, height: orphanRows)
        buffer.writeLine("\(orphanCount) not linked (no such record in the upload, or a name several share); o writes them:", in: orphanArea, style: context[.header])
        for (index, orphan) in orphans.prefix(orphanRows - 1).enumerated() {
            buffer.writeLine("  " + orphan.oneLine, in: Rect(x: orphanArea.x, y: orphanArea.y + 1 + index, width: orphanArea.width, height: 1), style: context[.muted])
        }
        let treeInside = Panel.render(in: bottom, into: &buffer, title: "Accounts with their contacts and deals (→ opens, ← closes)", focused: treeFocused, context: context)
        accountTree(session).render(in: treeInside, into: &buffer, state: &tree, focused: treeFocused, context: context)
    }
}
