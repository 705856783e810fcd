import JSONPath
import PorticoCore

/// Evaluates parsed mapping expressions against one request (and, for responses, the
/// integration's answer). Values absent at run time map to nothing, as on AWS.
struct ParameterResolver {
    let request: RequestParameters
    let context: ContextValue
    let stageVariables: [String: String]
    /// The payload `method.request.body` / `integration.response.body` reads.
    let body: [UInt8]
    /// Integration response headers, for `integration.response.header.*`.
    var responseHeaders: [(String, String)] = []

    /// Every value an expression gives: all of a repeated query parameter for
    /// `method.request.multivaluequerystring.*` (sent on as repeated parameters, as LocalStack's
    /// AWS-validated tests record), else the one value of `resolve`.
    func resolveAll(_ expression: ParameterExpression) -> [String] {
        if case .methodRequest(.multivaluequerystring, let name) = expression {
            return request.request.query.filter { $0.name == name }.map(\.value)
        }
        return resolve(expression).map { [$0] } ?? []
    }

    func resolve(_ expression: ParameterExpression) -> String? {
        switch expression {
        case .literal(let text):
            return text
        case .methodRequest(let location, let name):
            switch location {
            case .path: return request.path.last { $0.0 == name }?.1
            case .querystring: return request.querystring.last { $0.0 == name }?.1
            case .header: return request.header.last { $0.0.equalsIgnoringASCIICase(name) }?.1
            case .multivaluequerystring:
                let values = request.request.query.filter { $0.name == name }.map(\.value)
                return values.isEmpty ? nil : values.joined(separator: ",")
            case .multivalueheader:
                let values = request.request.headers.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
                return values.isEmpty ? nil : values.joined(separator: ",")
            }
        case .body(let path):
            guard let path else { return String(decoding: body, as: UTF8.self) }
            guard let root = try? JSONReader.parse(bytes: body), let found = path.evaluate(root) else { return nil }
            if case .string(let text) = found { return text }
            if case .null = found { return nil }
            return JSONWriter.write(found)
        case .integrationResponseHeader(let name, _):
            let values = responseHeaders.filter { $0.0.equalsIgnoringASCIICase(name) }.map(\.1)
            return values.isEmpty ? nil : values.joined(separator: ",")
        case .context(let dotted):
            return context.lookup(Substring(dotted))?.text
        case .stageVariable(let name):
            return stageVariables[name]
        case .invalid:
            return nil
        }
    }
}
