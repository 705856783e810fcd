import Synchronization

/// 64-bit values that look random and never repeat within a process, without a system call
/// each: a counter run through SplitMix64 (a bijection) under a seed drawn once from the
/// system generator. For identifiers (request ids, `x-amz-apigw-id`, trace ids), not secrets.
enum RandomBits {
    private static let counter = Atomic<UInt64>(0)
    private static let seed: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()

    static func next() -> UInt64 {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return mix(n &* 0x9E37_79B9_7F4A_7C15 ^ seed)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
