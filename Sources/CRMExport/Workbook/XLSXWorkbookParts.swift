import Foundation

/// Part names inside the zip. A relationship's target is relative to the folder of the part that
/// has the relationship (`worksheets/sheet1.xml` from `xl/workbook.xml`), or absolute from the
/// zip's root (`/xl/worksheets/sheet1.xml`); it is a URI, so `%20` is a space.
enum PartPath {
    /// `xl/` for `xl/workbook.xml`; empty for a part at the root.
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
    static func relationships(of part: String) -> String {
        let directory = folder(of: part)
        return directory + "_rels/" + String(part.dropFirst(directory.count)) + ".rels"
    }

    static func resolve(_ target: String, from folder: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments = decoded.hasPrefix("/") ? [] : folder.split(separator: "/")
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}

/// One relationship of a part: `Id`, the last word of its `Type` (`worksheet`, `chartsheet`,
/// `styles`, `sharedStrings`, `officeDocument`; the same in transitional and strict files) and
/// its target.
struct Relationship {
    var id: String
    var kind: String
    var target: String
}

/// Reads a `.rels` part; external targets (links to other files) are left out.
struct RelationshipsHandler: XMLTokenHandler {
    private(set) var relationships: [Relationship] = []

    mutating func startElement(_ element: XMLStartTag) throws {
        guard element.name == "Relationship", element.value(of: "TargetMode") != "External",
              let id = element.value(of: "Id"), let type = element.value(of: "Type"), let target = element.value(of: "Target") else { return }
        relationships.append(Relationship(id: id, kind: String(type.split(separator: "/").last ?? ""), target: target))
    }

    mutating func endElement(_ name: XMLName) throws {}
}

/// Reads `xl/workbook.xml`: the sheets in tab order and the date system.
struct WorkbookHandler: XMLTokenHandler {
    struct SheetEntry {
        var name: String
        var relationshipId: String
        var hidden: Bool
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var uses1904DateSystem = false
    private var inSheets = false

    mutating func startElement(_ element: XMLStartTag) throws {
        switch element.name {
        case "workbookPr":
            if let value = element.value(of: "date1904") {
                uses1904DateSystem = value == "1" || value.lowercased() == "true"
            }
        case "sheets":
            inSheets = true
        case "sheet" where inSheets:
            // `r:id`: the attribute's local name is `id`.
            guard let name = element.value(of: "name"), let id = element.value(of: "id") else { return }
            let state = element.value(of: "state")
            sheets.append(SheetEntry(name: name, relationshipId: id, hidden: state == "hidden" || state == "veryHidden"))
        default:
            break
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        if name == "sheets" { inSheets = false }
    }
}
