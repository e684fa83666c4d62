/// What this binary is. `scripts/package` writes the commit in for the build it packages (and
/// puts this file back afterwards); a build from a checkout says it has none.
enum BuildInfo {
    static let version = "0.1.0"
    static let commit: String? = nil

    /// `gongmap --version`.
    static var versionLine: String {
        "gongmap \(version) " + (commit.map { "(commit \($0))" } ?? "(built from a source checkout, commit not recorded)")
    }
}
