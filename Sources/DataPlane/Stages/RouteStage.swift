import APIGatewayModel
import Foundation

/// Stage 2 result: the resource and method of the compiled deployment that a request hits.
/// Everything routing decides is here, non-optional, for the stages that follow.
struct RoutedRequest: Sendable {
    let deployment: CompiledDeployment
    let resource: CompiledResource
    let method: CompiledMethod
    let request: InvocationRequest
    /// Decoded path parameters (`{petId}`, `{proxy+}`).
    let pathParameters: [(String, String)]
    let context: InvocationContext

    /// `$context` for this request, with the routed resource.
    func contextValue(
        requestOverride: RequestOverrides = RequestOverrides(), statusOverride: Int? = nil,
        headerOverrides: [(String, String)] = [], responseOverride: ContextValue? = nil
    ) -> ContextValue {
        context.value(
            resource: resource, requestOverride: requestOverride, statusOverride: statusOverride,
            headerOverrides: headerOverrides, responseOverride: responseOverride)
    }
}

/// Stage 2: match the path against the deployment's resource trie (literal, then `{param}`,
/// then `{greedy+}`) and pick the method (or ANY); a resource without one for the request is
/// passed over for the next match that has one. No match → MISSING_AUTHENTICATION_TOKEN.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
enum RouteStage {
    static func run(
        deployment: CompiledDeployment, request: InvocationRequest, path: Substring,
        context: InvocationContext
    ) throws(GatewayError) -> RoutedRequest {
        // A resource without a method for the request (nor ANY) is passed over for a less
        // specific one that has it, such as a `{proxy+}` sibling, as AWS routes.
        let verb = request.method
        guard let match = deployment.routes.match(path: path, accepting: { $0.method(for: verb) != nil }),
            let method = match.value.method(for: verb)
        else {
            throw GatewayError.missingAuthenticationToken
        }
        var parameters: [(String, String)] = []
        parameters.reserveCapacity(match.parameters.count)
        for (name, raw) in match.parameters {
            parameters.append((name, String(raw).removingPercentEncoding ?? String(raw)))
        }
        return routed(
            deployment: deployment, resource: match.value, method: method, request: request,
            pathParameters: parameters, context: context)
    }

    /// A request routed to a known resource and method (TestInvokeMethod names them).
    static func routed(
        deployment: CompiledDeployment, resource: CompiledResource, method: CompiledMethod,
        request: InvocationRequest, pathParameters: [(String, String)], context: InvocationContext
    ) -> RoutedRequest {
        context.trace.record(.routed(resourcePath: resource.path, resourceId: resource.id, parameters: pathParameters))
        return RoutedRequest(
            deployment: deployment, resource: resource, method: method, request: request,
            pathParameters: pathParameters, context: context)
    }
}
