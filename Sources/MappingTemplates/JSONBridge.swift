import OrderedCollections
import JSONPath
import VTL

/// Conversions between parsed JSON and template values.
enum JSONBridge {
    /// A JSON value as Jayway/json-smart hand it to Velocity (`$input.path`,
    /// `$util.parseJson`): objects are LinkedHashMaps (printing `{a=1}`), arrays are
    /// json-smart JSONArrays (printing compact JSON), integers Integer/Long/BigInteger,
    /// decimals Double or BigDecimal.
    static func payloadValue(_ v: JSONValue, depth: Int = 0) -> VTLValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .int(let i):
            if let small = Int32(exactly: i) { return .int(small) }
            return .long(i)
        case .bigInt(let s): return BigInt(s).map { .bigInteger($0) } ?? .string(s)
        case .double(let d): return .double(d)
        case .decimal(let s): return BigDecimal(s).map { .decimal($0) } ?? .string(s)
        case .array(let items):
            return .list(VTLList(items.map { payloadValue($0, depth: depth + 1) }, flavor: .jsonArray))
        case .object(let members):
            // Built on first use: templates usually read a few fields of a payload.
            return .map(VTLMap(lazyEntries: { entries(members) { payloadValue($0, depth: depth + 1) } }))
        }
    }

    /// An object's keys and converted values, in order.
    private static func entries(
        _ members: OrderedDictionary<String, JSONValue>,
        _ convert: (JSONValue) -> VTLValue
    ) -> ([VTLValue], [VTLValue]) {
        var keys: [VTLValue] = []
        var values: [VTLValue] = []
        keys.reserveCapacity(members.count)
        values.reserveCapacity(members.count)
        for (k, e) in members {
            keys.append(.string(k))
            values.append(convert(e))
        }
        return (keys, values)
    }

    /// A JSON value as the `$context` map holds it (Jackson's tree turned into plain Java
    /// collections): objects are LinkedHashMaps, arrays ArrayLists, numbers
    /// Integer/Long/BigInteger/Double.
    static func contextValue(_ v: JSONValue) -> VTLValue {
        switch v {
        case .array(let items): return .list(VTLList(items.map(contextValue), flavor: .arrayList))
        case .object(let members):
            let (keys, values) = entries(members, contextValue)
            return .map(VTLMap(distinctKeys: keys, values: values))
        case .decimal(let s): return .double(Double(s) ?? 0)
        default: return payloadValue(v)
        }
    }

    /// A template value as JSON (Jackson's `valueToTree` of the Java object), used to report
    /// the override maps a template left behind.
    static func json(_ v: VTLValue, depth: Int = 0) -> JSONValue {
        guard depth < 200 else { return .null }
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .char(let c): return .string(String(decoding: [c], as: UTF16.self))
        case .int(let i): return .int(Int64(i))
        case .long(let l): return .int(l)
        case .bigInteger(let b): return .bigInt(b.description)
        case .double(let d): return .double(d)
        case .decimal(let d): return .decimal(d.description)
        case .list(let l): return .array(l.items.map { json($0, depth: depth + 1) })
        case .map(let m):
            var members: [(String, JSONValue)] = []
            for (k, e) in m.entries { members.append((k.javaString() ?? "null", json(e, depth: depth + 1))) }
            return JSONBridge.object(members)
        case .object(let o): return o.javaString().map { .string($0) } ?? .null
        }
    }

    /// A JSON object from ordered members (a repeated key keeps its first position and its
    /// last value).
    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        var object = OrderedDictionary<String, JSONValue>(minimumCapacity: members.count)
        for (key, value) in members { object[key] = value }
        return .object(object)
    }
}
