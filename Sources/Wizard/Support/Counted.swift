/// `1 contact`, `2 contacts`: a count with its noun in the right number (`plural` when adding
/// an s is wrong).
func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    if count == 1 {
        let singular = noun.hasSuffix("ies") ? String(noun.dropLast(3)) + "y" : noun.hasSuffix("s") ? String(noun.dropLast()) : noun
        return "1 \(singular)"
    }
    return "\(count.formatted()) \(plural ?? noun)"
}
