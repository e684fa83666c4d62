/// The lines added and removed between two texts (longest common subsequence), for showing how a
/// mapping file changes before it is saved.
public enum LineDiff {
    public enum Line: Hashable, Sendable {
        case same(String)
        case added(String)
        case removed(String)
    }

    public static func diff(_ old: [String], _ new: [String]) -> [Line] {
        let n = old.count, m = new.count
        var lengths = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result: [Line] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                result.append(.same(old[i])); i += 1; j += 1
            } else if j < m, i == n || lengths[i][j + 1] >= lengths[i + 1][j] {
                result.append(.added(new[j])); j += 1
            } else {
                result.append(.removed(old[i])); i += 1
            }
        }
        return result
    }

    /// Only the changes, each with up to `context` unchanged lines around it.
    public static func changes(_ lines: [Line], context: Int = 2) -> [Line?] {
        let changed = lines.indices.filter { if case .same = lines[$0] { false } else { true } }
        var keep = Set<Int>()
        for index in changed { for near in max(0, index - context)...min(lines.count - 1, index + context) { keep.insert(near) } }
        var result: [Line?] = []
        var previous = -1
        for index in keep.sorted() {
            if previous >= 0, index > previous + 1 { result.append(nil) }
            result.append(lines[index])
            previous = index
        }
        return result
    }
}
