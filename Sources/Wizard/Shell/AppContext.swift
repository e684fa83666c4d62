import Foundation
import TerminalUI
import GongCRM
import Validation

/// What screens share and may change: how to draw, the notices, the clock, and the requests
/// they make of the app (open another screen, quit, start background work).
public struct AppContext {
    public var render: RenderContext
    public var settings: UISettings
    public var notices = Notices()
    public var now: Double
    /// The export and mapping being worked on, once one is open.
    public var session: Session?
    /// The upload started from this wizard, if any.
    public var upload: UploadActivity?
    /// Requests for the app, handled after the screen's update.
    public var effects: [Effect] = []

    public init(settings: UISettings, now: Double = Date().timeIntervalSince1970) {
        self.settings = settings
        let (theme, _) = settings.loadTheme()
        render = RenderContext(theme: theme, symbols: settings.symbols)
        self.now = now
    }

    public mutating func notify(_ text: String, level: Notices.Level = .info, seconds: Double? = nil) { notices.post(text, level: level, at: now, seconds: seconds) }

    public mutating func open(_ route: Route) { effects.append(.open(route)) }

    /// Applies changed settings: the theme is loaded again (a problem becomes a notice).
    public mutating func apply(_ settings: UISettings) {
        let (theme, problem) = settings.loadTheme()
        self.settings = settings
        render = RenderContext(theme: theme, symbols: settings.symbols)
        if let problem { notify(problem, level: .error) }
        effects.append(.settingsChanged)
    }
}

/// Something a screen asks the app to do.
public enum Effect: Sendable {
    case open(Route)
    case quit
    case settingsChanged
    /// Choose an export and start a mapping from it.
    case newMapping
    /// Choose a mapping file to open.
    case chooseMappingFile
    case openMapping(String)
    /// Start a new mapping from these export paths.
    case openExport([String])
    /// Validate the whole export with the current mapping, in the background.
    case validate
    /// Upload (or rehearse) with the saved mapping, to this base URL.
    case upload(baseURL: String, dryRun: Bool, ownerEmail: String)
    case testConnection(baseURL: String)
    /// Read a sample of a run's records back from Gong (with the Upload step's base URL).
    case verify(run: Int64)
    /// Read Gong's custom fields (with the Upload step's base URL).
    case fetchSchema
    /// Count the records whose payload the edits change.
    case comparePayloads
    /// The Fields step at this entity (and field).
    case showField(entity: EntityType, field: String?)
}
