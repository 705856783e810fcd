import APIGatewayModel

/// GetModelTemplate: the mapping template AWS generates from a model's schema — an input
/// root (`#set($inputRoot = $input.path('$'))`), one line per property, strings quoted, objects
/// nested, arrays as `#foreach` loops.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_GetModelTemplate.html
extension ManagementAPI {
    static func registerModelTemplate(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.getModelTemplate] = { context in
            let name = context.label("model_name")
            guard let api = context.model.current.apis[context.restApiId] else { throw models.notFound(name) }
            let model = try models.find(name, in: api)
            guard let schema = model.schema.flatMap({ StrictJSON.parse(Array($0.utf8)) }) else {
                throw ManagementError.badRequest("Model schema is not valid JSON; no template can be generated")
            }
            return .json(Template(value: ModelTemplate.render(schema, models: api.models)))
        }
    }
}

enum ModelTemplate {
    static func render(_ schema: JSONNode, models: [String: Model]) -> String {
        var lines = ["#set($inputRoot = $input.path('$'))"]
        write(schema, access: "$inputRoot", indent: "", into: &lines, models: models, depth: 0)
        return lines.joined(separator: "\n")
    }

    /// Appends the template for a value read at `access`.
    private static func write(
        _ schema: JSONNode, access: String, indent: String, into lines: inout [String],
        models: [String: Model], depth: Int
    ) {
        // Bounded: a model may refer to itself.
        guard depth < 16 else {
            lines.append(indent + access)
            return
        }
        let schema = resolved(schema, models: models)
        switch type(of: schema) {
        case "object":
            guard case .object(let properties)? = schema["properties"], !properties.isEmpty else {
                lines.append(indent + "{}")
                return
            }
            lines.append(indent + "{")
            let names = properties.keys.sorted()
            for (index, name) in names.enumerated() {
                let comma = index < names.count - 1 ? "," : ""
                let property = properties[name] ?? .null
                let path = access + "." + name
                switch type(of: resolved(property, models: models)) {
                case "object", "array":
                    var nested: [String] = []
                    write(property, access: path, indent: indent + "  ", into: &nested, models: models, depth: depth + 1)
                    nested[0] = indent + "  \"\(name)\" : " + nested[0].drop { $0 == " " }
                    nested[nested.count - 1] += comma
                    lines += nested
                case "string":
                    lines.append(indent + "  \"\(name)\" : \"\(path)\"\(comma)")
                default:
                    lines.append(indent + "  \"\(name)\" : \(path)\(comma)")
                }
            }
            lines.append(indent + "}")
        case "array":
            let element = resolved(schema["items"] ?? .object([:]), models: models)
            lines.append(indent + "[")
            lines.append("#foreach($elem in \(access))")
            switch type(of: element) {
            case "object", "array":
                var nested: [String] = []
                write(element, access: "$elem", indent: indent + "  ", into: &nested, models: models, depth: depth + 1)
                nested[nested.count - 1] += "#if($foreach.hasNext),#end"
                lines += nested
            case "string":
                lines.append(indent + "  \"$elem\"#if($foreach.hasNext),#end")
            default:
                lines.append(indent + "  $elem#if($foreach.hasNext),#end")
            }
            lines.append("#end")
            lines.append(indent + "]")
        case "string":
            lines.append(indent + "\"\(access)\"")
        default:
            lines.append(indent + access)
        }
    }

    /// The schema a `$ref` to another model of the API names (`…/models/{name}` or `#/definitions/{name}`).
    private static func resolved(_ schema: JSONNode, models: [String: Model]) -> JSONNode {
        guard case .string(let ref)? = schema["$ref"], let name = ref.split(separator: "/").last,
            let text = models[String(name)]?.schema, let target = StrictJSON.parse(Array(text.utf8))
        else { return schema }
        return target
    }

    private static func type(of schema: JSONNode) -> String {
        if case .string(let type)? = schema["type"] { return type }
        if schema["properties"] != nil { return "object" }
        if schema["items"] != nil { return "array" }
        return "string"
    }
}
