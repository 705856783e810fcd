import APIGatewayModel
import Store

/// CreateResource, GetResource, GetResources, UpdateResource, DeleteResource.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateResource.html
extension ManagementAPI {
    static func registerResources(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createResource] = createResource
        handlers[.getResource] = { context in
            let resource = try context.model.current.resource(api: context.restApiId, id: context.resourceId)
            return .json(shaped(resource, embed: context.embedsMethods))
        }
        handlers[.getResources] = { context in
            let state = context.model.current
            guard let api = state.apis[context.restApiId] else {
                throw ManagementError.notFound("Invalid API identifier specified \(context.environment.accountId):\(context.restApiId)")
            }
            let all = api.resources.values.sorted { ($0.path ?? "") < ($1.path ?? "") }
            let page = try Page.of(all, id: { $0.id ?? "" }, limit: try context.limit(), position: context.request.queryValue("position"))
            let embed = context.embedsMethods
            return .json(Resources(position: page.position, items: page.items.map { shaped($0, embed: embed) }))
        }
        handlers[.updateResource] = updateResource
        handlers[.deleteResource] = { context in
            let (apiId, id) = (context.restApiId, context.resourceId)
            try await context.write { state throws(ManagementError) in
                let resource = try state.resource(api: apiId, id: id)
                guard resource.parentId != nil, var api = state.apis[apiId] else {
                    throw ManagementError.badRequest("Cannot delete the root resource.")
                }
                let doomed = api.subtree(of: id)
                for victim in doomed { api.resources[victim] = nil }
                state.apis[apiId] = api
                return ((), doomed.map { .deletedResource(api: apiId, id: $0) })
            }
            return .empty
        }
    }

    /// Without `embed=methods` each method shows as `{}`; with it, in full.
    static func shaped(_ resource: Resource, embed: Bool) -> Resource {
        guard !embed, let methods = resource.resourceMethods else { return resource }
        var out = resource
        out.resourceMethods = methods.mapValues { _ in Method() }
        return out
    }

    private static let createResource: OperationHandler = { context in
        let input = try context.body(CreateResourceRequest.self)
        let (apiId, parentId) = (context.restApiId, context.label("parent_id"))
        let part = input.pathPart ?? ""
        let newId = context.environment.ids.next(.resource)
        let created = try await context.write { state throws(ManagementError) in
            let parent = try state.resource(api: apiId, id: parentId)
            guard var api = state.apis[apiId] else { throw ManagementError.notFound("Invalid Resource identifier specified") }
            try ResourcePath.validate(part)
            try api.checkPlacement(of: part, under: parent, excluding: nil)
            let resource = Resource(
                id: newId, parentId: parentId, pathPart: part,
                path: ResourcePath.join(parent.path ?? "/", part))
            api.resources[newId] = resource
            state.apis[apiId] = api
            return (resource, [.resource(api: apiId, id: newId)])
        }
        return .json(created)
    }

    private static let updateResource: OperationHandler = { context in
        let input = try context.body(UpdateResourceRequest.self)
        let (apiId, id) = (context.restApiId, context.resourceId)
        let updated = try await context.write { state throws(ManagementError) in
            var resource = try state.resource(api: apiId, id: id)
            guard var api = state.apis[apiId] else { throw ManagementError.notFound("Invalid Resource identifier specified") }
            try resourcePatch.apply(input.patchOperations ?? [], to: &resource)
            let isRoot = api.resources[id]?.parentId == nil
            if isRoot {
                if resource.pathPart != nil { throw ManagementError.badRequest("Root resource cannot update its pathPart.") }
                if resource.parentId != nil { throw ManagementError.badRequest("Root resource cannot update its parentId.") }
                return (resource, [])
            }
            let parent = try state.resource(api: apiId, id: resource.parentId ?? "")
            if api.subtree(of: id).contains(parent.id ?? "") { throw ManagementError.badRequest("Resources cannot be cyclical.") }
            let part = resource.pathPart ?? ""
            try ResourcePath.validate(part)
            try api.checkPlacement(of: part, under: parent, excluding: id)
            resource.path = ResourcePath.join(parent.path ?? "/", part)
            api.resources[id] = resource
            let moved = api.recomputePaths(below: id)
            state.apis[apiId] = api
            return (resource, ([id] + moved).map { .resource(api: apiId, id: $0) })
        }
        return .json(shaped(updated, embed: false))
    }
}

/// UpdateResource's paths: `replace` of `/parentId` and `/pathPart` only.
let resourcePatch = PatchTable<Resource>(
    .quoted,
    [
        PatchRule("/parentId", ["replace"]) { resource, request throws(ManagementError) in
            resource.parentId = request.value ?? ""
        },
        PatchRule("/pathPart", ["replace"]) { resource, request throws(ManagementError) in
            resource.pathPart = request.value ?? ""
        },
    ])

extension OperationContext {
    /// `embed=methods` (boto3 sends `embed=methods`, possibly repeated or comma-separated).
    var embedsMethods: Bool {
        request.query.contains { $0.name == "embed" && $0.value.split(separator: ",").contains("methods") }
    }
}

/// Path-part rules and path joining.
enum ResourcePath {
    static func join(_ parentPath: String, _ part: String) -> String {
        parentPath == "/" ? "/" + part : parentPath + "/" + part
    }

    static func isVariable(_ part: String) -> Bool { part.hasPrefix("{") && part.hasSuffix("}") }
    static func isGreedy(_ part: String) -> Bool { part.hasPrefix("{") && part.hasSuffix("+}") }

    /// `a-zA-Z0-9._-`, or the same wrapped in braces with an optional `+` before the closing one.
    static func validate(_ part: String) throws(ManagementError) {
        var body = Substring(part)
        if body.hasPrefix("{"), body.hasSuffix("}") {
            body = body.dropFirst().dropLast()
            if body.hasSuffix("+") { body = body.dropLast() }
        }
        let ok =
            !body.isEmpty
            && body.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": true
                default: false
                }
            }
        if !ok {
            throw ManagementError.badRequest(
                "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."
            )
        }
    }
}

extension APIState {
    /// `id` and all its descendants.
    func subtree(of id: String) -> [String] {
        var children: [String: [String]] = [:]
        for (childId, resource) in resources {
            if let parent = resource.parentId { children[parent, default: []].append(childId) }
        }
        var out: [String] = []
        var stack = [id]
        while let next = stack.popLast() {
            out.append(next)
            stack.append(contentsOf: children[next] ?? [])
        }
        return out
    }

    /// Recomputes `path` of every descendant of `id`; returns their ids.
    mutating func recomputePaths(below id: String) -> [String] {
        let ids = subtree(of: id).dropFirst()
        var changed: [String] = []
        var pending = Array(ids)
        // Parents come before children in `subtree` order, so one pass suffices.
        while !pending.isEmpty {
            let next = pending.removeFirst()
            guard var resource = resources[next], let parent = resource.parentId.flatMap({ resources[$0] }) else { continue }
            resource.path = ResourcePath.join(parent.path ?? "/", resource.pathPart ?? "")
            resources[next] = resource
            changed.append(next)
        }
        return changed
    }

    /// AWS's sibling rules: unique names, one variable part per level, nothing under a greedy part.
    func checkPlacement(of part: String, under parent: Resource, excluding: String?) throws(ManagementError) {
        let siblings = resources.lazy.filter { $0.value.parentId == parent.id && $0.key != excluding }.map { $0.value.pathPart ?? "" }
        try Self.checkPlacement(of: part, parentPart: parent.pathPart, siblings: siblings)
    }

    /// The same rules given the parent's path part and the siblings' parts (an import keeps
    /// its own index of children instead of scanning every resource for each new one).
    static func checkPlacement(of part: String, parentPart: String?, siblings: some Sequence<String>) throws(ManagementError) {
        if let parentPart, ResourcePath.isGreedy(parentPart) {
            throw ManagementError.badRequest("Cannot create a child of a resource with a greedy path variable: \(parentPart)")
        }
        for siblingPart in siblings {
            if siblingPart == part {
                throw ManagementError.conflict("Another resource with the same parent already has this name: \(part)")
            }
            if ResourcePath.isVariable(part), ResourcePath.isVariable(siblingPart) {
                throw ManagementError.badRequest(
                    "A sibling (\(siblingPart)) of this resource already has a variable path part -- only one is allowed")
            }
        }
    }
}
