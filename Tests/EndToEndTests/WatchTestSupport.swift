// A small HTTP/1.1 server on 127.0.0.1 for the `stet watch` end-to-end tests (copied from
// Tests/StetWatchTests/Support/TestServer.swift): each request is answered by a
// programmable handler (status, headers, body, delays, streamed chunks), and every request is
// recorded with its arrival time so tests can check conditional headers and per-host spacing.
// The server binds an ephemeral port and stops (cancelling any stalled answer) on `shutdown()`.

import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A request as the test server saw it.
struct WatchRequest: Sendable {
    var method: String
    var path: String
    var headers: [(String, String)]
    var arrival: ContinuousClock.Instant

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// What the test server answers.
struct WatchResponse: Sendable {
    var status: Int = 200
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    /// Wait this long before sending the head.
    var delayBeforeHead: Duration = .zero
    /// Send the body in pieces with a pause before each (overrides `body`).
    var chunks: [(bytes: [UInt8], delay: Duration)]? = nil
    /// Send no Content-Length (chunked transfer encoding).
    var chunked = false

    static func text(_ s: String, status: Int = 200, type: String = "text/html; charset=utf-8",
                     headers: [(String, String)] = []) -> WatchResponse {
        WatchResponse(status: status, headers: [("Content-Type", type)] + headers, body: Array(s.utf8))
    }
}

final class WatchServer: Sendable {
    let port: Int
    private let task: Task<Void, Never>
    /// Shared with the serving task.
    private let logStorage: WatchLocked<[WatchRequest]>

    private init(port: Int, task: Task<Void, Never>, log: WatchLocked<[WatchRequest]>) {
        self.port = port
        self.task = task
        self.logStorage = log
    }

    var requests: [WatchRequest] { logStorage.withLock { $0 } }

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    static func start(_ handler: @escaping @Sendable (WatchRequest) async -> WatchResponse) async throws -> WatchServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        guard let port = channel.channel.localAddress?.port else { throw WatchServerError.noPort }
        let log = WatchLocked<[WatchRequest]>([])
        let task = Task<Void, Never> {
            _ = try? await withThrowingDiscardingTaskGroup { group in
                try await channel.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask {
                            await serveWatch(connection, handler: handler, log: log)
                        }
                    }
                }
            }
        }
        return WatchServer(port: port, task: task, log: log)
    }

    func shutdown() async {
        task.cancel()
        _ = await task.value
    }
}

enum WatchServerError: Error { case noPort }

private func serveWatch(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
                   handler: @Sendable (WatchRequest) async -> WatchResponse, log: WatchLocked<[WatchRequest]>) async {
    try? await connection.executeThenClose { inbound, outbound in
        var head: HTTPRequestHead?
        for try await part in inbound {
            switch part {
            case .head(let h):
                head = h
            case .body:
                break
            case .end:
                guard let h = head else { continue }
                let request = WatchRequest(method: "\(h.method)", path: h.uri,
                                          headers: h.headers.map { ($0.name, $0.value) },
                                          arrival: ContinuousClock.now)
                log.withLock { $0.append(request) }
                let response = await handler(request)
                if response.delayBeforeHead > .zero { try await Task.sleep(for: response.delayBeforeHead) }
                var headers = HTTPHeaders(response.headers)
                if response.chunked || response.chunks != nil {
                    headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
                } else if !headers.contains(name: "Content-Length") {
                    headers.add(name: "Content-Length", value: "\(response.body.count)")
                }
                try await outbound.write(.head(HTTPResponseHead(
                    version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)))
                if let chunks = response.chunks {
                    for chunk in chunks {
                        if chunk.delay > .zero { try await Task.sleep(for: chunk.delay) }
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk.bytes))))
                    }
                } else if !response.body.isEmpty {
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
                }
                try await outbound.write(.end(nil))
                head = nil
            }
        }
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
