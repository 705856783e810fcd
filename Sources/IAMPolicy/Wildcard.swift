/// IAM's wildcard match: `*` any run of characters (also none), `?` any one character,
/// everything else literally, byte for byte. Callers lower-case both sides for the
/// case-insensitive elements (actions, `StringEqualsIgnoreCase`) once, ahead of time.
/// Iterative with one backtrack point: O(pattern × value) at worst, never exponential.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
public enum Wildcard {
    public static func matches(pattern: some Collection<UInt8>, value: some Collection<UInt8>) -> Bool {
        let pattern = Array(pattern)
        let value = Array(value)
        var (p, v) = (0, 0)
        var star: Int?
        var resume = 0
        while v < value.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == value[v] {
                p += 1
                v += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                resume = v
                p += 1
            } else if let at = star {
                p = at + 1
                resume += 1
                v = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
