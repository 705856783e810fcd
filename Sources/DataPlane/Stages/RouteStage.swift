import APIGatewayModel
import Foundation

/// Stage 1: which resource and method of the compiled deployment a request hits.
struct RoutedRequest: Sendable {
    let deployment: CompiledDeployment
    let resource: CompiledResource
    let method: CompiledMethod
    let request: InvocationRequest
    /// Decoded path parameters (`{petId}`, `{proxy+}`).
    let pathParameters: [(String, String)]
    let context: InvocationContext
}

enum RouteStage {
    static func run(deployment: CompiledDeployment, request: InvocationRequest, path: Substring,
                    context: InvocationContext) throws(GatewayError) -> RoutedRequest {
        guard let match = deployment.routes.match(path: path),
              let method = match.value.method(for: request.method) else {
            throw GatewayError.missingAuthenticationToken
        }
        var parameters: [(String, String)] = []
        parameters.reserveCapacity(match.parameters.count)
        for (name, raw) in match.parameters {
            parameters.append((name, String(raw).removingPercentEncoding ?? String(raw)))
        }
        context.trace.record(.routed(resourcePath: match.value.path, resourceId: match.value.id, parameters: parameters))
        var routedContext = context
        routedContext.resourceId = match.value.id
        routedContext.resourcePath = match.value.path
        return RoutedRequest(deployment: deployment, resource: match.value, method: method, request: request,
                             pathParameters: parameters, context: routedContext)
    }
}
