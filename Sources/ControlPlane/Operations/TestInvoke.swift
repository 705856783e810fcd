import APIGatewayModel
import Store

/// Runs a method of the live API for TestInvokeMethod. The data plane implements it; the
/// server wires the two together (the planes do not import each other).
public protocol MethodTester: Sendable {
    func testInvoke(_ input: TestInvokeMethodRequest, requestId: String) async -> TestInvokeMethodResponse
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
            _ = try context.model.current.method(api: context.restApiId, resource: context.resourceId, httpMethod: context.httpMethod)
            guard let tester = context.environment.tester else {
                throw ManagementError.notImplemented("TestInvokeMethod")
            }
            let requestId = context.environment.ids.next(.request)
            return .json(await tester.testInvoke(input, requestId: requestId))
        }
    }
}
