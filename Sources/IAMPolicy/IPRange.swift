/// An IPv4 or IPv6 address range in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`), or one
/// address (a /32 or /128), as the `IpAddress` and `NotIpAddress` condition operators take
/// them. An IPv4 address never falls in an IPv6 range or the other way round.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
struct IPRange: Sendable, Equatable {
    let address: [UInt8]
    let prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = Self.address(parts[0]) else { return nil }
        let bits = address.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard let given = Int(parts[1]), parts[1].allSatisfy(\.isASCII), given >= 0, given <= bits else { return nil }
            prefix = given
        }
        self.address = address
        self.prefix = prefix
    }

    /// Whether `address` (4 or 16 bytes) lies in the range.
    func contains(_ other: [UInt8]) -> Bool {
        guard other.count == address.count else { return false }
        var left = prefix
        for i in 0..<address.count where left > 0 {
            let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
            if address[i] & mask != other[i] & mask { return false }
            left -= 8
        }
        return true
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address in text; nil when it is neither.
    static func address(_ text: some StringProtocol) -> [UInt8]? {
        text.contains(":") ? ipv6(text) : ipv4(text)
    }

    private static func ipv4(_ text: some StringProtocol) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(part) else {
                return nil
            }
            out.append(value)
        }
        return out
    }

    private static func ipv6(_ text: some StringProtocol) -> [UInt8]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map { String($0) }
        guard halves.count <= 2 else { return nil }
        func groups(_ half: String) -> [UInt8]? {
            if half.isEmpty { return [] }
            var out: [UInt8] = []
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i == parts.count - 1, part.contains(".") {
                    guard let v4 = ipv4(part) else { return nil }
                    out += v4
                    continue
                }
                guard !part.isEmpty, part.count <= 4, let value = UInt16(part, radix: 16) else { return nil }
                out += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
