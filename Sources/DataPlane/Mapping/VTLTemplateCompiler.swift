import JSONPath
import MappingTemplates

/// Mapping templates on Portico's VTL engine (Velocity 1.7 semantics with AWS's `$input`,
/// `$util`, `$context`, `$stageVariables`).
struct VTLTemplateCompiler: TemplateCompiler {
    func compile(_ source: String) throws -> any CompiledTemplate {
        VTLCompiledTemplate(template: try MappingTemplate(source: source))
    }
}

struct VTLCompiledTemplate: CompiledTemplate {
    let template: MappingTemplate

    func render(_ input: TemplateInput) throws -> TemplateOutput {
        let context = MappingContext(
            bodyBytes: input.body, headers: input.header, queryString: input.querystring, pathParameters: input.path,
            stageVariables: input.stageVariables.sorted { $0.key < $1.key }, context: input.context)
        let result: RenderResult
        do {
            result = try template.render(context)
        } catch {
            if error.isUnparsablePayload { throw UnparsablePayload(detail: error.payloadProblem) }
            throw error
        }
        var headers: [(String, String)] = []
        if case .object(let map)? = result.responseOverride["header"] {
            for (name, value) in map { if let text = value.text { headers.append((name, text)) } }
        }
        var overrides = RequestOverrides()
        let requestOverride = result.requestOverride
        func pairs(_ key: String) -> [(String, String)] {
            guard case .object(let map)? = requestOverride[key] else { return [] }
            return map.compactMap { name, value in value.text.map { (name, $0) } }
        }
        overrides.header = pairs("header")
        overrides.querystring = pairs("querystring")
        overrides.path = pairs("path")
        return TemplateOutput(
            body: result.output, statusOverride: result.statusOverride,
            headerOverrides: headers, requestOverrides: overrides,
            responseOverride: template.mayUseContext ? result.responseOverride : nil)
    }
}
