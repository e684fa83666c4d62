import TerminalUI

/// The list `/` filters on each step: the one with the focus.
extension SourceScreen {
    public var filter: String? { detailFocused ? detail.selection.filter : files.selection.filter }
    public mutating func setFilter(_ text: String) {
        if detailFocused { detail.selection.filter = text } else { files.selection.filter = text }
    }
}

extension EntitiesScreen {
    public var filter: String? { table.selection.filter }
    public mutating func setFilter(_ text: String) { table.selection.filter = text }
}

extension FieldsScreen {
    public var filter: String? { fields.selection.filter }
    public mutating func setFilter(_ text: String) { fields.selection.filter = text }
}

extension CustomFieldsScreen {
    public var filter: String? { table.selection.filter }
    public mutating func setFilter(_ text: String) { table.selection.filter = text }
}

extension ValidateScreen {
    public var filter: String? { openGroup == nil ? groups.selection.filter : records.selection.filter }
    public mutating func setFilter(_ text: String) {
        if openGroup == nil { groups.selection.filter = text } else { records.selection.filter = text }
    }
}

extension RelationshipsScreen {
    public var filter: String? { links.selection.filter }
    public mutating func setFilter(_ text: String) { links.selection.filter = text }
}

extension UploadsScreen {
    public var filter: String? { filesFocused ? files.selection.filter : runs.selection.filter }
    public mutating func setFilter(_ text: String) {
        if filesFocused { files.selection.filter = text } else { runs.selection.filter = text }
    }
}
