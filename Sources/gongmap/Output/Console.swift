import Foundation

/// Writes to stdout and stderr without trapping when the reader went away (`| head`, a closed
/// cron mail pipe): the work goes on and its outcome is still in the journal.
enum Console {
    static func out(_ text: String) { try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8)) }
    static func err(_ text: String) { try? FileHandle.standardError.write(contentsOf: Data(text.utf8)) }
}
