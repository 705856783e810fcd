import Foundation
import MappingTemplates
import PorticoCore

/// "Test this template" (the console): renders a mapping template against a pasted payload
/// with the engine and host objects the data plane uses — `$input` over the payload, `$util`,
/// and a `$context` filled with sample values for the method it belongs to — within the
/// engine's limits (300 KB of template, loop iterations, 10 MB of output).
public enum TemplateTrial {
    /// The rendered text, or the engine's diagnostic (`line:column: message` when the engine
    /// knows where).
    public enum Outcome: Sendable, Equatable {
        case rendered(String)
        case failed(String)
    }

    /// Sample facts for `$context` (the method the template belongs to).
    public struct Sample: Sendable {
        public var apiId: String
        public var stage: String
        public var httpMethod: String
        public var resourcePath: String
        public var headers: [(String, String)]
        public var queryString: [(String, String)]
        public var pathParameters: [(String, String)]
        public var stageVariables: [(String, String)]

        public init(
            apiId: String, stage: String = "test", httpMethod: String = "GET", resourcePath: String = "/",
            headers: [(String, String)] = [], queryString: [(String, String)] = [], pathParameters: [(String, String)] = [],
            stageVariables: [(String, String)] = []
        ) {
            self.apiId = apiId
            self.stage = stage
            self.httpMethod = httpMethod
            self.resourcePath = resourcePath
            self.headers = headers
            self.queryString = queryString
            self.pathParameters = pathParameters
            self.stageVariables = stageVariables
        }
    }

    public static func render(template: String, body: [UInt8], sample: Sample, clock: any WallClock = SystemClock()) -> Outcome {
        let compiled: MappingTemplate
        do {
            compiled = try MappingTemplate(source: template)
        } catch {
            return .failed(error.description)
        }
        let trace = InvocationTrace(requestId: "test-invoke-request", clock: clock)
        let context = InvocationContext(
            accountId: "000000000000", apiId: sample.apiId, stage: sample.stage, requestId: trace.requestId,
            extendedRequestId: "test-invoke-extended-request", httpMethod: sample.httpMethod,
            path: "/" + sample.stage + sample.resourcePath, requestPath: sample.resourcePath,
            deploymentId: "test-invoke-deployment-id", domainName: "testPrefix.testDomainName", sourceIp: "test-invoke-source-ip",
            userAgent: "Portico console", requestTimeEpoch: Int(trace.startedAt.timeIntervalSince1970 * 1000),
            stageVariables: Dictionary(sample.stageVariables, uniquingKeysWith: { $1 }), traceId: nil, trace: trace)
        let mapping = MappingContext(
            bodyBytes: body, headers: sample.headers, queryString: sample.queryString, pathParameters: sample.pathParameters,
            stageVariables: sample.stageVariables, context: context.value(resource: nil))
        do {
            return .rendered(try compiled.render(mapping).output)
        } catch {
            return .failed(error.description)
        }
    }
}
