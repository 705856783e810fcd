import APIGatewayModel
import Store

/// Runs a method of the live API for TestInvokeMethod. The data plane implements it; the
/// server wires the two together (the planes do not import each other).
public protocol MethodTester: Sendable {
    func testInvoke(_ input: TestInvokeMethodRequest, requestId: String) async -> TestInvokeMethodResponse
}

/// Runs an authorizer for TestInvokeAuthorizer and empties a stage's authorizer cache for
/// FlushStageAuthorizersCache (the data plane implements it; the server wires it).
public protocol AuthorizerRunner: Sendable {
    func testInvokeAuthorizer(_ input: TestInvokeAuthorizerRequest, requestId: String) async -> TestInvokeAuthorizerResponse
    func flushAuthorizerCache(apiId: String, stage: String)
}

/// TestInvokeMethod: existence checks with AWS's messages, then the data plane's stages.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
extension ManagementAPI {
    static func registerTestInvoke(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.testInvokeMethod] = { context in
            var input = try context.body(TestInvokeMethodRequest.self)
            input.restApiId = context.restApiId
            input.resourceId = context.resourceId
            input.httpMethod = context.httpMethod
            // A verb without its own method runs the resource's ANY method, as AWS does.
            let state = context.model.current
            do {
                _ = try state.method(api: context.restApiId, resource: context.resourceId, httpMethod: context.httpMethod)
            } catch {
                guard (try? state.method(api: context.restApiId, resource: context.resourceId, httpMethod: "ANY")) != nil else {
                    throw error
                }
            }
            guard let tester = context.environment.tester else {
                throw ManagementError.notImplemented("TestInvokeMethod")
            }
            let requestId = context.environment.ids.next(.request)
            return .json(await tester.testInvoke(input, requestId: requestId))
        }
        // TestInvokeAuthorizer: the API and authorizer must exist; the data plane runs it.
        // https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
        handlers[.testInvokeAuthorizer] = { context in
            var input = try context.body(TestInvokeAuthorizerRequest.self)
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            input.restApiId = context.restApiId
            input.authorizerId = try authorizers.find(context.label("authorizer_id"), in: api).id
            guard let runner = context.environment.authorizerRunner else {
                throw ManagementError.notImplemented("TestInvokeAuthorizer")
            }
            let requestId = context.environment.ids.next(.request)
            return .json(await runner.testInvokeAuthorizer(input, requestId: requestId))
        }
    }
}
