import NIOCore
import NIOHTTP1
import NIOPosix

/// The Lambda Runtime API of one execution environment, on its own loopback port (the runtime
/// clients read only `AWS_LAMBDA_RUNTIME_API=host:port` and use fixed paths):
/// `GET /2018-06-01/runtime/invocation/next` (a long poll), `POST …/invocation/{id}/response`,
/// `POST …/invocation/{id}/error` and `POST /2018-06-01/runtime/init/error`.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
enum RuntimeAPIServer {
    /// A request of the runtime, with a way to answer it (from any thread).
    struct Call: Sendable {
        var method: HTTPMethod
        var path: String
        var headers: HTTPHeaders
        var body: [UInt8]
        /// The body went past the response limit (the bytes beyond it were dropped).
        var oversized: Bool
        var respond: @Sendable (_ status: HTTPResponseStatus, _ headers: [(String, String)], _ body: [UInt8]) -> Void
    }

    /// Responses and errors above 6 MB are refused (Lambda's synchronous payload limit, as its
    /// error message counts it).
    static let maxPayload = 6_291_556

    /// Binds 127.0.0.1 on a free port; `handle` gets every complete request.
    static func start(_ handle: @escaping @Sendable (Call) -> Void) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(RuntimeAPIHandler(handle: handle))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }
}

/// Collects one request at a time and hands it on; answers are written on the channel's loop.
final class RuntimeAPIHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handle: @Sendable (RuntimeAPIServer.Call) -> Void
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var oversized = false

    init(handle: @escaping @Sendable (RuntimeAPIServer.Call) -> Void) {
        self.handle = handle
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
            oversized = false
        case .body(var buffer):
            if body.count + buffer.readableBytes > RuntimeAPIServer.maxPayload {
                oversized = true
            } else {
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let channel = context.channel
            let keepAlive = head.isKeepAlive
            let call = RuntimeAPIServer.Call(
                method: head.method, path: head.uri, headers: head.headers, body: body, oversized: oversized,
                respond: { status, headers, body in
                    channel.eventLoop.execute {
                        var fields = HTTPHeaders(headers)
                        fields.replaceOrAdd(name: "Content-Length", value: String(body.count))
                        if !keepAlive { fields.replaceOrAdd(name: "Connection", value: "close") }
                        let responseHead = HTTPResponseHead(version: .http1_1, status: status, headers: fields)
                        channel.write(HTTPServerResponsePart.head(responseHead), promise: nil)
                        channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
                        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
                            if !keepAlive { channel.close(promise: nil) }
                        }
                    }
                })
            body = []
            handle(call)
        }
    }
}
