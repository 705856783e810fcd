import ControlPlane
import DataPlane
import Hummingbird
import NIOCore

/// Endpoints for test isolation and health, compatible with moto and LocalStack:
/// `POST /moto-api/reset`, `POST /_portico/reset`, `GET /_portico/health`,
/// `GET /_localstack/health`.
enum OpsEndpoints {
    static func respond(_ request: Request, management: ManagementAPI, dataPlane: DataPlane) async -> Response {
        switch (request.method, request.uri.path) {
        case (.post, "/moto-api/reset"), (.post, "/_portico/reset"), (.post, "/_localstack/state/reset"):
            do {
                try await management.reset()
                dataPlane.purge()
                dataPlane.traces.removeAll()
                return json(200, #"{"status":"ok"}"#)
            } catch {
                return json(500, #"{"status":"error"}"#)
            }
        case (.get, let path) where path.hasPrefix("/_portico/invocations/"):
            let id = String(path.dropFirst("/_portico/invocations/".count))
            guard let trace = dataPlane.traces.trace(id) else {
                return json(404, #"{"message":"No recent invocation has that request id"}"#)
            }
            return json(200, String(decoding: trace.json(), as: UTF8.self))
        case (.get, "/_portico/health"), (.head, "/_portico/health"):
            return json(200, #"{"status":"running","services":{"apigateway":"running"}}"#)
        case (.get, "/_localstack/health"), (.head, "/_localstack/health"):
            return json(200, #"{"services":{"apigateway":"running"},"edition":"portico","version":"portico"}"#)
        default:
            return PorticoResponder.render(
                ManagementResponse(
                    error: ManagementError(
                        type: "UnknownOperationException", status: 404,
                        message: "No operation matches \(request.method.rawValue) \(request.uri.path)")))
        }
    }

    static func json(_ status: Int, _ text: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
