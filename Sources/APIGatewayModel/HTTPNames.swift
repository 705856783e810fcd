extension StringProtocol {
    /// Compares HTTP names (header names are ASCII tokens) without case, byte by byte:
    /// Foundation's `caseInsensitiveCompare` is Unicode-aware and showed up on every invocation.
    @inlinable
    public func equalsIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x ^ y == 0x20 && (x | 0x20) >= UInt8(ascii: "a") && (x | 0x20) <= UInt8(ascii: "z"))
        }
    }
}
