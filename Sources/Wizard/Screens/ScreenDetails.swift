import CRMExport
import Foundation
import GongCRM
import Mapping
import TerminalUI
import Validation

/// What Space shows whole on each step: the selected row with every cell the table cuts.
extension ValidateScreen {
    public func detail(_ app: AppContext) -> TextOverlay? {
        guard let session = app.session else { return nil }
        if let group = openGroup {
            let records = session.validation.diagnostics.filter { $0.groupKey == group }
            guard !records.isEmpty else { return nil }
            return Self.overlay(records[min(self.records.selection.selected, records.count - 1)])
        }
        let all = Self.groups(session)
        guard !all.isEmpty else { return nil }
        let group = all[min(groups.selection.selected, all.count - 1)]
        var lines: [TextOverlay.Line] = [
            .init("\(group.severity.rawValue): \(group.rule.rawValue)" + ([group.entity?.rawValue, group.field].compactMap { $0 }.isEmpty ? "" : " on \([group.entity?.rawValue, group.field].compactMap { $0 }.joined(separator: "."))"),
                  role: group.severity == .error ? .error : .warning),
            .init(group.count == 1 ? "1 record:" : "\(counted(group.count, "records")); the first \(group.samples.count):"),
        ]
        for sample in group.samples {
            lines.append(.init(""))
            lines.append(.init(Self.place(sample), role: .muted))
            lines.append(.init(sample.message))
        }
        lines.append(.init(""))
        lines.append(.init("Enter lists every record of the group; m goes to the field's mapping.", role: .muted))
        return TextOverlay(title: "Problem group", lines: lines)
    }

    static func place(_ diagnostic: Diagnostic) -> String {
        var parts = [diagnostic.file + (diagnostic.line > 0 ? ":\(diagnostic.line)" : "")]
        if diagnostic.row > 0 { parts.append("row \(diagnostic.row)") }
        if let column = diagnostic.column { parts.append("column \(column)") }
        if let objectId = diagnostic.objectId { parts.append("objectId \(objectId)") }
        return parts.joined(separator: ", ")
    }

    static func overlay(_ diagnostic: Diagnostic) -> TextOverlay {
        var lines: [TextOverlay.Line] = [.init(place(diagnostic), role: .muted), .init(diagnostic.message, role: diagnostic.severity == .error ? .error : .warning)]
        if let value = diagnostic.value { lines.append(.init("Value: \(value)", role: .highlight)) }
        return TextOverlay(title: "\(diagnostic.severity.rawValue): \(diagnostic.rule.rawValue)", lines: lines)
    }
}

extension SourceScreen {
    public func detail(_ app: AppContext) -> TextOverlay? {
        guard let session = app.session, !session.profiles.isEmpty else { return nil }
        let profile = session.profiles[selected(session)]
        if showRows {
            guard let rows = cachedRows(of: profile.file.name), !rows.isEmpty else { return nil }
            let index = min(detail.selection.selected, rows.count - 1)
            let cells = rows[index]
            return TextOverlay(title: "Row \(index + 1) of \(profile.file.name)", lines: profile.header.enumerated().map { column, name in
                TextOverlay.Line("\(name): \(column < cells.count ? cells[column] : "")")
            })
        }
        guard detailFocused, !profile.columns.isEmpty else { return Self.overlay(file: profile, session) }
        let column = profile.columns[min(detail.selection.selected, profile.columns.count - 1)]
        let filled = profile.rows == 0 ? 0 : column.nonEmpty * 100 / profile.rows
        var lines: [TextOverlay.Line] = [
            .init("Kind: \(column.kind.rawValue)   filled: \(filled)% (\(column.nonEmpty.formatted()) of \(profile.rows.formatted()) rows)   longest: \(column.maxLength)"),
            .init("Distinct values: \(column.frequenciesComplete ? "" : "about ")\(column.distinctEstimate.formatted())" + (profile.complete ? "" : " in the rows read so far")),
        ]
        let top = column.frequencyTable.prefix(20)
        if column.frequenciesComplete || column.looksLikePicklist {
            lines.append(.init("Values by count:", role: .header))
            lines += top.map { .init("\($0.count.formatted())  \($0.value)") }
        } else {
            lines.append(.init("First values:", role: .header))
            lines += column.samples.map { .init($0) }
        }
        return TextOverlay(title: "Column \(column.name) of \(profile.file.name)", lines: lines)
    }

    static func overlay(file profile: FileProfile, _ session: Session) -> TextOverlay {
        let file = profile.file
        var lines: [TextOverlay.Line] = [
            .init([file.layout.label, file.layout.isTable ? "" : file.encoding.rawValue, file.sizeLabel].filter { !$0.isEmpty }.joined(separator: ", ")),
            .init(profile.complete ? "\(profile.rows.formatted()) rows, \(profile.header.count) columns" : "about \((profile.estimatedRows ?? profile.rows).formatted()) rows (profiled: the first \(profile.rows.formatted())), \(profile.header.count) columns"),
            .init("Path: \(file.path)", role: .muted),
        ]
        let feeds = session.mapping.sources.filter { $0.input.files.contains(file.name) }
        lines.append(.init(feeds.isEmpty ? "Feeds nothing (Entities, 2)" : "Feeds " + feeds.map { $0.entity.rawValue + ($0.isHistory ? " history" : "") }.joined(separator: ", "), role: .accent))
        for issue in profile.issues.prefix(20) { lines.append(.init(issue.description, role: issue.severity == .error ? .error : .warning)) }
        if let problem = session.unreadable.first(where: { $0.file == file.name }) { lines.append(.init(problem.problem, role: .error)) }
        return TextOverlay(title: file.name, lines: lines)
    }
}

extension EntitiesScreen {
    public func detail(_ app: AppContext) -> TextOverlay? {
        guard let session = app.session, !session.profiles.isEmpty else { return nil }
        let name = session.profiles[selected(session)].file.name
        let sources = session.mapping.sources.filter { $0.input.files.contains(name) }
        var lines: [TextOverlay.Line] = [.init(sources.isEmpty ? "Ignored" : "Feeds " + sources.map { "\($0.entity.rawValue)\($0.isHistory ? " history" : "") (\($0.fields.count) fields)" }.joined(separator: ", "), role: .accent)]
        if let choice = session.fileChoice(name) {
            lines.append(.init("Suggested: \(choice.entity?.rawValue ?? "ignore")\(choice.isHistory ? " history" : "") (\(Int((choice.confidence * 100).rounded()))% sure)"))
            lines.append(.init("Why: \(choice.reason)", role: .muted))
        }
        lines.append(.init("e changes the entity; x ignores the file.", role: .muted))
        return TextOverlay(title: name, lines: lines)
    }
}

extension FieldsScreen {
    public func detail(_ app: AppContext) -> TextOverlay? {
        guard let session = app.session, let index = sourceIndex(session) else { return nil }
        let source = session.mapping.sources[index]
        let targets = Self.targets(source, session.mapping)
        let target = targets[min(fields.selection.selected, targets.count - 1)]
        let file = source.input.files.first ?? ""
        var lines: [TextOverlay.Line] = []
        if let catalog = EntityCatalog.fields(of: source.entity).first(where: { $0.name == target }) {
            let requirement = switch catalog.requirement {
            case .mandatory: "required"
            case .mandatoryUnlessDeleted: "required unless the record is deleted"
            case .recommended(let why): "recommended: \(why)"
            case .optional: "optional"
            }
            lines.append(.init("Gong's standard field, \(requirement)", role: .muted))
        } else if let custom = session.mapping.customFields[source.entity]?.first(where: { $0.uniqueName == target }) {
            lines.append(.init("Custom field \"\(custom.label)\", \(custom.type.rawValue)", role: .muted))
        }
        guard let mapped = source.field(target) else {
            lines.append(.init("Not mapped: Enter types an expression, c picks a column."))
            return TextOverlay(title: "\(source.entity.rawValue).\(target)", lines: lines)
        }
        lines.append(.init("From: \(ExpressionSyntax.render(mapped.expression))", role: .accent))
        if let choice = session.fieldChoice(entity: source.entity, file: file, field: target) {
            lines.append(.init("Why: \(choice.reason) (\(Int((choice.confidence * 100).rounded()))% sure)"))
        } else if let note = mapped.note {
            lines.append(.init("Why: \(note)"))
        }
        for risk in FieldAdvice.risks(target: target, expression: mapped.expression, entity: source.entity, mapping: session.mapping, profile: session.profile(of: file)) {
            lines.append(.init("\(app.render.symbols.warning) \(risk)", role: .warning))
        }
        if let column = mapped.expression.columns.first.flatMap({ session.profile(of: file)?.column(named: $0) }) {
            lines.append(.init("Column \(column.name): \(column.kind.rawValue), \(column.nonEmpty.formatted()) of \(column.rows.formatted()) filled; e.g. \(column.samples.prefix(3).joined(separator: " · "))", role: .muted))
        }
        return TextOverlay(title: "\(source.entity.rawValue).\(target)", lines: lines)
    }
}
