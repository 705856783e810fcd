import APIGatewayModel

/// Value handling shared by the patch tables.
enum PatchValues {
    /// `"true"` is true; AWS reads any other text as false.
    static func bool(_ request: PatchRequest) -> Bool {
        request.value?.lowercased() == "true"
    }

    /// Adds, replaces or removes `request.key` in an optional map. Removing the last entry
    /// leaves the map absent, as AWS does.
    static func updateMap<V>(
        _ map: inout [String: V]?, _ request: PatchRequest, value: V?,
        missing: ManagementError? = nil
    ) throws(ManagementError) {
        let key = request.keyValue
        switch request.op {
        case "remove":
            if map?[key] == nil, let missing { throw missing }
            map?[key] = nil
            if map?.isEmpty == true { map = nil }
        case "replace":
            if map?[key] == nil, let missing { throw missing }
            fallthrough
        default:
            var current = map ?? [:]
            current[key] = value
            map = current
        }
    }

    /// Adds or removes `request.key` in an optional list (order kept; add appends).
    static func updateList(_ list: inout [String]?, _ request: PatchRequest, element: String) {
        var current = list ?? []
        switch request.op {
        case "remove":
            current.removeAll { $0 == element }
        default:
            if !current.contains(element) { current.append(element) }
        }
        list = current.isEmpty ? nil : current
    }
}

/// UpdateRestApi's paths.
let restApiPatch = PatchTable<RestApi>(
    .bare,
    [
        PatchRule("/name", ["replace"]) { api, request throws(ManagementError) in
            guard let value = request.value, !value.isEmpty else { throw .badRequest("Invalid REST API name specified") }
            api.name = value
        },
        PatchRule("/description", ["replace", "remove", "add"]) { api, request throws(ManagementError) in
            api.description = request.op == "remove" || request.value == nil || request.value == "" ? nil : request.value
        },
        PatchRule("/version", ["replace", "remove", "add"]) { api, request throws(ManagementError) in
            api.version = request.op == "remove" ? nil : request.value
        },
        PatchRule("/policy", ["replace"]) { api, request throws(ManagementError) in
            api.policy = request.value
        },
        PatchRule("/apiKeySource", ["replace"]) { api, request throws(ManagementError) in
            guard let value = request.value.flatMap(ApiKeySourceType.init(rawValue:)) else {
                throw .badRequest("Invalid API Key Source specified. Valid options are HEADER,AUTHORIZER")
            }
            api.apiKeySource = value
        },
        PatchRule("/disableExecuteApiEndpoint", ["replace"]) { api, request throws(ManagementError) in
            api.disableExecuteApiEndpoint = PatchValues.bool(request)
        },
        PatchRule("/minimumCompressionSize", ["replace"]) { api, request throws(ManagementError) in
            guard let text = request.value, !text.isEmpty else {
                api.minimumCompressionSize = nil
                return
            }
            guard let size = Int(text), (0...10_485_760).contains(size) else {
                throw .badRequest("Invalid minimum compression size, must be between 0 and 10485760")
            }
            api.minimumCompressionSize = size
        },
        PatchRule("/binaryMediaTypes/{key}", ["add", "remove", "replace"]) { api, request throws(ManagementError) in
            let element = request.keyValue
            if request.op == "replace" {
                PatchValues.updateList(
                    &api.binaryMediaTypes, PatchRequest(op: "remove", path: request.path, value: nil, from: nil, key: element), element: element)
                if let value = request.value {
                    PatchValues.updateList(&api.binaryMediaTypes, request, element: value)
                }
            } else {
                PatchValues.updateList(&api.binaryMediaTypes, request, element: element)
            }
        },
        PatchRule(
            "/endpointConfiguration/types/{key}", ["add", "remove", "replace"],
            opError: "Invalid patch operation specified. Must be 'add'|'remove'|'replace'"
        ) { api, request throws(ManagementError) in
            guard request.op == "replace" else {
                throw .badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'")
            }
            guard let type = request.value.flatMap(EndpointType.init(rawValue:)) else {
                throw .badRequest("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE")
            }
            var config = api.endpointConfiguration ?? EndpointConfiguration()
            config.types = [type]
            if type == .`private` { config.ipAddressType = .dualstack }
            api.endpointConfiguration = config
        },
        PatchRule("/endpointConfiguration/ipAddressType", ["replace"]) { api, request throws(ManagementError) in
            guard let type = request.value.flatMap(IpAddressType.init(rawValue:)) else {
                throw .badRequest("ipAddressType must be either ipv4 or dualstack.")
            }
            var config = api.endpointConfiguration ?? EndpointConfiguration()
            if config.types == [.`private`], type == .ipv4 {
                throw .badRequest("Only dualstack ipAddressType is supported for Private APIs.")
            }
            config.ipAddressType = type
            api.endpointConfiguration = config
        },
    ])
