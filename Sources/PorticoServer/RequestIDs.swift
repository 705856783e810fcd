import DataPlane

/// `x-amzn-RequestId` values: UUID-shaped (version 4 layout), unique for the life of the
/// process, made without a system call per request (`UUID()` asked the kernel for 16 random
/// bytes every time). The 122 free bits come from two `RandomBits` draws.
struct RequestIDs: Sendable {
    func next() -> String {
        let high = RandomBits.next()
        let low = RandomBits.next()
        return Self.format(high: (high & ~0xF000) | 0x4000, low: (low & ~(0xC << 60)) | (0x8 << 60))
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lowercase.
    static func format(high: UInt64, low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var index = 0
            func put(_ value: UInt64, _ nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    buffer[index] = digits.utf8Start[Int((value >> UInt64(shift)) & 0xF)]
                    index += 1
                }
            }
            func dash() { buffer[index] = UInt8(ascii: "-"); index += 1 }
            put(high >> 32, 8); dash()
            put(high >> 16, 4); dash()
            put(high, 4); dash()
            put(low >> 48, 4); dash()
            put(low, 12)
            return index
        }
    }
}
