// A small HTTP/1.1 server on 127.0.0.1 for the `stet watch` end-to-end tests (after
// Tests/StetWatchTests/Support/TestServer.swift). Requests are answered by a synchronous handler
// on NIO's own event-loop threads, never on the Swift concurrency pool: the tests block pool
// threads while they wait for the `stet` process, and a server that needed one could starve.
// Every request is recorded. The server binds an ephemeral port and closes on `shutdown()`.

import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A request as the test server saw it.
struct WatchRequest: Sendable {
    var method: String
    var path: String
    var headers: [(String, String)]

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// What the test server answers.
struct WatchResponse: Sendable {
    var status: Int = 200
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    /// Wait this long before sending the answer.
    var delayBeforeHead: Duration = .zero

    static func text(_ s: String, status: Int = 200, type: String = "text/html; charset=utf-8") -> WatchResponse {
        WatchResponse(status: status, headers: [("Content-Type", type)], body: Array(s.utf8))
    }
}

final class WatchServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let log: WatchLocked<[WatchRequest]>

    private init(port: Int, channel: any Channel, log: WatchLocked<[WatchRequest]>) {
        self.port = port
        self.channel = channel
        self.log = log
    }

    var requests: [WatchRequest] { log.withLock { $0 } }

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    static func start(_ handler: @escaping @Sendable (WatchRequest) -> WatchResponse) async throws -> WatchServer {
        let log = WatchLocked<[WatchRequest]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(WatchHTTPHandler(handler: handler, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw WatchServerError.noPort }
        return WatchServer(port: port, channel: channel, log: log)
    }

    func shutdown() async {
        try? await channel.close().get()
    }
}

enum WatchServerError: Error { case noPort }

/// Answers each complete request with the handler's response, after its delay.
private final class WatchHTTPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: @Sendable (WatchRequest) -> WatchResponse
    private let log: WatchLocked<[WatchRequest]>
    private let head = WatchLocked<HTTPRequestHead?>(nil)

    init(handler: @escaping @Sendable (WatchRequest) -> WatchResponse, log: WatchLocked<[WatchRequest]>) {
        self.handler = handler
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head.withLock { $0 = h }
        case .body:
            break
        case .end:
            guard let h = head.withLock({ value -> HTTPRequestHead? in defer { value = nil }; return value }) else { return }
            let request = WatchRequest(method: "\(h.method)", path: h.uri, headers: h.headers.map { ($0.name, $0.value) })
            log.withLock { $0.append(request) }
            let response = handler(request)
            let channel = context.channel
            if response.delayBeforeHead > .zero {
                let parts = response.delayBeforeHead.components
                let nanoseconds = parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
                channel.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { Self.send(response, on: channel) }
            } else {
                Self.send(response, on: channel)
            }
        }
    }

    private static func send(_ response: WatchResponse, on channel: any Channel) {
        var headers = HTTPHeaders(response.headers)
        if !headers.contains(name: "Content-Length") { headers.add(name: "Content-Length", value: "\(response.body.count)") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        if !response.body.isEmpty {
            channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: response.body))), promise: nil)
        }
        channel.writeAndFlush(HTTPServerResponsePart.end(nil), promise: nil)
    }
}

/// A lock-protected value for test bookkeeping.
final class WatchLocked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
