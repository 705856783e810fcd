import Synchronization

/// `x-amzn-RequestId` values: UUID-shaped (version 4 layout), unique for the life of the
/// process, made without a system call per request.
///
/// A counter runs through SplitMix64 (a bijection on 64-bit values) under two random seeds,
/// so ids look random and never repeat, where `UUID()` asked the kernel for 16 random bytes on
/// every request.
final class RequestIDs: Sendable {
    private let counter = Atomic<UInt64>(0)
    private let seeds: (UInt64, UInt64)

    init() {
        var generator = SystemRandomNumberGenerator()
        seeds = (generator.next(), generator.next())
    }

    func next() -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let high = Self.mix(n ^ seeds.0)
        let low = Self.mix(n &+ seeds.1)
        return Self.format(high: (high & ~0xF000) | 0x4000, low: (low & ~(0xC << 60)) | (0x8 << 60))
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
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
