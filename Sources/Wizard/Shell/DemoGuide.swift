/// The demo's short guided path: on each step, one notice of what it shows and which key goes on.
enum DemoGuide {
    static func isGuide(_ text: String) -> Bool { text.hasPrefix("Demo ") && text.dropFirst(5).first?.isNumber == true }

    static func text(for step: Step) -> String {
        switch step {
        case .source: "Demo 1/9 · a Salesforce export of 8 files (with errors planted in it). Tab looks at a file's columns; Enter goes on"
        case .entities: "Demo 2/9 · each file feeds a Gong entity; Campaign.csv has none. e changes one, x ignores one; Enter goes on"
        case .fields: "Demo 3/9 · columns mapped to Gong's fields, with a preview of what is sent. Tab, then Enter edits a field; 4 goes on"
        case .customFields: "Demo 4/9 · the columns Gong has no field for become custom fields. t changes a type; 5 goes on"
        case .validate: "Demo 5/9 · every record checked, as Gong would: 7 errors planted. Enter lists a group's records; 6 goes on"
        case .relationships: "Demo 6/9 · how records link, and the ones that do not. → opens an account; 7 goes on"
        case .save: "Demo 7/9 · what the edits change before they are saved. s saves; 8 goes on"
        case .upload: "Demo 8/9 · a built-in Gong emulator: d rehearses, U uploads (nothing leaves this machine); 9 goes on"
        case .uploads: "Demo 9/9 · every run from the journal, live. u undoes an edit anywhere; ? lists the keys; q quits"
        }
    }
}
