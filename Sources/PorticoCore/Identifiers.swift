import Foundation
import Synchronization

/// What an identifier is for; AWS uses a different form for each.
public enum IdentifierKind: Sendable, Hashable {
    /// RestApi ids: 10 lower-case alphanumerics.
    case restApi
    /// The root resource of a new API: 10 characters.
    case rootResource
    /// Other resources: 6 characters.
    case resource
    /// Deployments: 6 characters.
    case deployment
    /// Authorizers, models, request validators, documentation parts, usage plans, client
    /// certificates and VPC links: 6 characters each.
    case authorizer, model, requestValidator, documentationPart, usagePlan, clientCertificate, vpcLink
    /// API key ids and private domain-name ids: 10 characters.
    case apiKey, domainNameId
    /// The random part of a CloudFront (`d{13}.cloudfront.net`) or regional (`d-{10}.execute-api…`) domain.
    case distribution, regionalDomain
    /// API key values: 40 letters and digits, mixed case (from the system generator: keys are secrets).
    case apiKeyValue
    /// Request ids (`x-amzn-RequestId`, `$context.requestId`): UUID form, lower case.
    case request
    /// `x-amz-apigw-id` / `$context.extendedRequestId`: 15 characters and `=`.
    case extendedRequest
    /// The random part of an `X-Amzn-Trace-Id` root: 24 hex digits.
    case traceSuffix
}

/// Generates identifiers; injected so tests are deterministic.
public protocol IdentifierGenerator: Sendable {
    func next(_ kind: IdentifierKind) -> String
}

extension IdentifierGenerator {
    /// An `X-Amzn-Trace-Id` root, `Root=1-{epoch seconds, 8 hex}-{24 hex}`.
    /// https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-traceids
    public func traceId(at date: Date) -> String {
        "Root=1-" + IdentifierFormat.hex(UInt64(max(0, date.timeIntervalSince1970)), digits: 8) + "-" + next(.traceSuffix)
    }
}

/// Identifiers in AWS's formats. Request-scoped ones (request, extended request, trace) come
/// from a counter-based generator without a system call each; entity ids from the system
/// random generator.
public struct RandomIdentifiers: IdentifierGenerator {
    public init() {}

    public func next(_ kind: IdentifierKind) -> String {
        switch kind {
        case .restApi, .rootResource: IdentifierFormat.alphanumeric(10, RandomBits.next(), RandomBits.next())
        case .resource, .deployment, .authorizer, .model, .requestValidator, .documentationPart, .usagePlan,
            .clientCertificate, .vpcLink:
            IdentifierFormat.alphanumeric(6, RandomBits.next(), RandomBits.next())
        case .apiKey, .domainNameId, .regionalDomain: IdentifierFormat.alphanumeric(10, RandomBits.next(), RandomBits.next())
        case .distribution: IdentifierFormat.alphanumeric(13, RandomBits.next(), RandomBits.next())
        case .apiKeyValue: IdentifierFormat.secret(40)
        case .request: IdentifierFormat.uuid(high: RandomBits.next(), low: RandomBits.next())
        case .extendedRequest: IdentifierFormat.apigwId(RandomBits.next(), RandomBits.next())
        case .traceSuffix:
            IdentifierFormat.hex(RandomBits.next(), digits: 16) + IdentifierFormat.hex(RandomBits.next() & 0xFFFF_FFFF, digits: 8)
        }
    }
}

/// Predictable identifiers for tests: each kind counts from 1 (`id0000001`, UUIDs
/// `00000000-0000-4000-8000-000000000001`, …), in the same formats as `RandomIdentifiers`.
public final class SequentialIdentifiers: IdentifierGenerator {
    private let counters = Mutex<[IdentifierKind: UInt64]>([:])

    public init() {}

    public func next(_ kind: IdentifierKind) -> String {
        let n = counters.withLock { counters -> UInt64 in
            counters[kind, default: 0] += 1
            return counters[kind]!
        }
        switch kind {
        case .restApi, .rootResource: return Self.padded(kind == .restApi ? "api" : "root", n, 10)
        case .resource: return Self.padded("r", n, 6)
        case .deployment: return Self.padded("d", n, 6)
        case .authorizer: return Self.padded("au", n, 6)
        case .model: return Self.padded("mo", n, 6)
        case .requestValidator: return Self.padded("rv", n, 6)
        case .documentationPart: return Self.padded("dp", n, 6)
        case .usagePlan: return Self.padded("up", n, 6)
        case .clientCertificate: return Self.padded("cc", n, 6)
        case .vpcLink: return Self.padded("vl", n, 6)
        case .apiKey: return Self.padded("key", n, 10)
        case .domainNameId: return Self.padded("dn", n, 10)
        case .distribution: return Self.padded("cf", n, 13)
        case .regionalDomain: return Self.padded("rd", n, 10)
        case .apiKeyValue: return Self.padded("value", n, 40)
        case .request: return IdentifierFormat.uuid(high: 0x4000, low: (0x8 << 60) | n)
        case .extendedRequest: return Self.padded("ext", n, 15) + "="
        case .traceSuffix: return IdentifierFormat.hex(n, digits: 24)
        }
    }

    private static func padded(_ prefix: String, _ n: UInt64, _ width: Int) -> String {
        let digits = String(n)
        return prefix + String(repeating: "0", count: max(0, width - prefix.count - digits.count)) + digits
    }
}

/// The text forms of identifiers, from raw bits.
public enum IdentifierFormat {
    private static let lowerAlphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let apigwAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `count` (≤ 20) lower-case alphanumerics from 128 bits.
    static func alphanumeric(_ count: Int, _ high: UInt64, _ low: UInt64) -> String {
        var (high, low) = (high, low)
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for index in 0..<count {
            if index < 10 {
                out.append(lowerAlphanumerics[Int(high % 36)])
                high /= 36
            } else {
                out.append(lowerAlphanumerics[Int(low % 36)])
                low /= 36
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `count` letters and digits (mixed case) from the system's cryptographic generator.
    static func secret(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String(
            decoding: (0..<count).map { _ in apigwAlphabet[Int(generator.next(upperBound: UInt(apigwAlphabet.count)))] },
            as: UTF8.self)
    }

    /// An `x-amz-apigw-id` like AWS's (`Abc12DEfghIJk=`): 15 characters of 6 bits each, then `=`.
    static func apigwId(_ high: UInt64, _ low: UInt64) -> String {
        var out = [UInt8](repeating: UInt8(ascii: "="), count: 16)
        for index in 0..<15 {
            let word = index < 8 ? high : low
            out[index] = apigwAlphabet[Int((word >> UInt64((index % 8) * 6)) & 63) % apigwAlphabet.count]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as `digits` lower-case hex digits (zero-padded, truncated to the low digits).
    public static func hex(_ value: UInt64, digits: Int) -> String {
        let table: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: digits) { buffer in
            for index in 0..<digits {
                let shift = UInt64((digits - 1 - index) * 4)
                buffer[index] = shift < 64 ? table.utf8Start[Int((value >> shift) & 0xF)] : UInt8(ascii: "0")
            }
            return digits
        }
    }

    /// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` (version 4 layout), lower case, written in one
    /// buffer (it is on every request's path).
    public static func uuid(high: UInt64, low: UInt64) -> String {
        let high = (high & ~0xF000) | 0x4000
        let low = (low & ~(0xC << 60)) | (0x8 << 60)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            let table: StaticString = "0123456789abcdef"
            var index = 0
            func put(_ value: UInt64, _ nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    buffer[index] = table.utf8Start[Int((value >> UInt64(shift)) & 0xF)]
                    index += 1
                }
            }
            func dash() {
                buffer[index] = UInt8(ascii: "-")
                index += 1
            }
            put(high >> 32, 8); dash()
            put(high >> 16, 4); dash()
            put(high, 4); dash()
            put(low >> 48, 4); dash()
            put(low, 12)
            return index
        }
    }
}
