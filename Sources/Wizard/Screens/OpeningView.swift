import CRMExport
import Foundation
import TerminalUI

/// The export's files the moment they are found, while their first rows are profiled: name,
/// format, encoding, size and the rows their first 64 KB suggest.
struct OpeningView {
    let export: Export
    let doing: String

    func render(in area: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        let files = export.files
        let box = area.centered(width: min(area.width - 2, 100), height: min(area.height - 2, files.count + 5))
        let inside = Panel.render(in: box, into: &buffer, title: "Opening \(files.count) files", focused: true, context: context)
        buffer.writeLine(doing + " " + context.symbols.ellipsis, in: Rect(x: inside.x + 1, y: inside.y, width: inside.width - 1, height: 1), style: context[.accent])
        var state = Table.State()
        Table(columns: [
            Table.Column("file", width: 30, minWidth: 12, grows: true, keepsLastPart: true), Table.Column("format", width: 6), Table.Column("encoding", width: 9, minWidth: 6),
            Table.Column("rows", width: 11, alignment: .right), Table.Column("size", width: 9, alignment: .right),
        ], rowCount: files.count, focused: false) { row, column in
            let file = files[row]
            switch column {
            case 0: return Span(file.name)
            case 1: return Span(file.layout.label)
            case 2: return Span(file.layout.isTable ? "" : file.encoding.rawValue)
            case 3: return Span(file.estimatedRows.map { "~" + $0.formatted() } ?? "", style: context[.muted])
            default: return Span(file.sizeLabel)
            }
        }.render(in: Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2), into: &buffer, state: &state, context: context)
    }
}
