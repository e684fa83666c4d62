/// What this binary is: its version, and the commit `scripts/package` writes into the packaged
/// binary. The commit goes into `commitField`'s bytes in the built file (same length), so the
/// sources never change for a package build; a build from a checkout says it has none.
enum BuildInfo {
    static let version = "0.1.0"

    /// 64 bytes: the marker, then the commit padded with `_`.
    static let commitField = "@(#)gongmap-commit:_____________________________________________"

    static var commit: String? {
        let field = stampedField()
        let commit = field.dropFirst("@(#)gongmap-commit:".count).prefix { $0 != "_" }
        return commit.isEmpty ? nil : String(commit)
    }

    /// Read where the compiler cannot fold the literal into the answer.
    @inline(never) @_optimize(none)
    private static func stampedField() -> String { commitField }

    /// `gongmap --version`.
    static var versionLine: String {
        "gongmap \(version) " + (commit.map { "(commit \($0))" } ?? "(built from a source checkout, commit not recorded)")
    }
}
