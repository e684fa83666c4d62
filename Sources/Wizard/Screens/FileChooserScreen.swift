import CRMExport
import Foundation
import TerminalUI

/// Choosing an export (a folder, or some of its files) or a mapping file: a folder listing that
/// Enter walks through, filtered with `/`; Space marks files, `u` uses the folder.
public struct FileChooserScreen: WizardScreen {
    public enum Purpose: Hashable, Sendable { case export, mapping }

    public enum Action: Hashable, Sendable { case open, mark, useFolder, parent, home }

    public static let keyMap = KeyMap<Action>("Choosing files", [
        KeyBinding([.enter], .open, hint: "open", help: "Enter a folder; choose a file (with marked files: use them)"),
        KeyBinding([.char(" ")], .mark, hint: "mark", help: "Mark or unmark a data file of the export"),
        KeyBinding([.char("u")], .useFolder, hint: "use folder", help: "Use the whole folder as the export"),
        KeyBinding([.backspace, .char("h")], .parent, help: "The folder above"),
        KeyBinding([.char("~")], .home, help: "Your home folder"),
    ])

    struct Entry: Hashable {
        var name: String
        var isFolder: Bool
    }

    public let purpose: Purpose
    public private(set) var folder: String
    private var entries: [Entry] = []
    private var list = FilterList([])
    private var marked: Set<String> = []
    private var problem: String?

    public init(purpose: Purpose, folder: String = FileManager.default.currentDirectoryPath) {
        self.purpose = purpose
        self.folder = folder
        read()
    }

    public var location: String { purpose == .export ? "Choose an export" : "Open a mapping file" }

    func wanted(_ name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        return purpose == .export ? Export.dataExtensions.contains(ext) : ext == "yaml" || ext == "yml"
    }

    mutating func read() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var folders: [Entry] = [], files: [Entry] = []
        for name in names.sorted(by: { $0.localizedStandardCompare($1) == .orderedAscending }) where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
            if isFolder.boolValue { folders.append(Entry(name: name, isFolder: true)) } else if wanted(name) { files.append(Entry(name: name, isFolder: false)) }
        }
        entries = (folder == "/" ? [] : [Entry(name: "..", isFolder: true)]) + folders + files
        list = FilterList(entries.map { $0.isFolder ? $0.name + "/" : $0.name })
        marked = []
    }

    mutating func go(to path: String) {
        folder = URL(fileURLWithPath: path).standardizedFileURL.path
        read()
    }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        list.handle(key, visible: 20, after: Self.keyMap)
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        let entry = list.selectedItem.map { entries[$0] }
        switch action {
        case .open:
            guard let entry else { return }
            if entry.isFolder {
                go(to: folder + "/" + entry.name)
            } else if purpose == .mapping {
                app.effects.append(.openMapping(folder + "/" + entry.name))
            } else {
                let files = marked.isEmpty ? [entry.name] : marked.sorted()
                app.effects.append(.openExport(files.map { folder + "/" + $0 }))
            }
        case .mark:
            guard purpose == .export, let entry, !entry.isFolder else { return }
            if marked.remove(entry.name) == nil { marked.insert(entry.name) }
            _ = list.handle(.down, visible: 20)
        case .useFolder:
            guard purpose == .export else { return }
            guard entries.contains(where: { !$0.isFolder }) else {
                app.notify("\(DisplayPath.short(folder)) has no CSV, TSV or JSON files", level: .warning)
                return
            }
            app.effects.append(.openExport([folder]))
        case .parent: go(to: folder + "/..")
        case .home: go(to: HomeFolder.path())
        }
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        let inside = Panel.render(in: area, into: &buffer, title: "\(location): \(DisplayPath.short(folder))", focused: true, context: context)
        let files = entries.filter { !$0.isFolder }.count
        let help = purpose == .export
            ? "\(files) data files here. u uses this folder; Space marks files, Enter uses the marked ones (or the one selected)."
            : "\(files) mapping files here. Enter opens the selected one."
        buffer.write(help, x: inside.x + 1, y: inside.y, style: context[.muted], maxX: inside.maxX)
        let entries = self.entries, marked = self.marked
        list.render(in: Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2), into: &buffer, focused: true, context: context) { index in
            let entry = entries[index]
            if marked.contains(entry.name) { return [Span("  " + context.symbols.check + " marked", style: context[.ok])] }
            guard !entry.isFolder, let size = (try? FileManager.default.attributesOfItem(atPath: self.folder + "/" + entry.name))?[.size] as? Int else { return [] }
            return [Span("  " + ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file), style: context[.muted])]
        }
    }
}
