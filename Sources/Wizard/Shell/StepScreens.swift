import TerminalUI

/// The screens of the steps, kept while the session lasts so each remembers where it was.
struct StepScreens {
    var source = SourceScreen()
    var entities = EntitiesScreen()
    var fields = FieldsScreen()
    var customFields = CustomFieldsScreen()
    var validate = ValidateScreen()
    var relationships = RelationshipsScreen()
    var save = SaveScreen()
    var upload = UploadScreen()
    var uploads = UploadsScreen()

    /// Runs `body` on the screen of `step`, written back afterwards.
    mutating func with<R>(_ step: Step, _ body: (inout any WizardScreen) -> R) -> R {
        switch step {
        case .source: return Self.visit(&source, body)
        case .entities: return Self.visit(&entities, body)
        case .fields: return Self.visit(&fields, body)
        case .customFields: return Self.visit(&customFields, body)
        case .validate: return Self.visit(&validate, body)
        case .relationships: return Self.visit(&relationships, body)
        case .save: return Self.visit(&save, body)
        case .upload: return Self.visit(&upload, body)
        case .uploads: return Self.visit(&uploads, body)
        }
    }

    private static func visit<S: WizardScreen, R>(_ screen: inout S, _ body: (inout any WizardScreen) -> R) -> R {
        var any: any WizardScreen = screen
        defer { screen = any as! S }
        return body(&any)
    }

    /// Every screen's key table, for README's key reference.
    static var keyMaps: [HelpOverlay.Section] {
        [HelpOverlay.Section(SourceScreen.keyMap, ascii: false), HelpOverlay.Section(EntitiesScreen.keyMap, ascii: false),
         HelpOverlay.Section(FieldsScreen.keyMap, ascii: false), HelpOverlay.Section(CustomFieldsScreen.keyMap, ascii: false),
         HelpOverlay.Section(ValidateScreen.keyMap, ascii: false), HelpOverlay.Section(RelationshipsScreen.keyMap, ascii: false),
         HelpOverlay.Section(SaveScreen.keyMap, ascii: false), HelpOverlay.Section(UploadScreen.keyMap, ascii: false),
         HelpOverlay.Section(UploadsScreen.keyMap, ascii: false)]
    }
}
