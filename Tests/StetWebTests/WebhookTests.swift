import Foundation
import Hummingbird
import HummingbirdTesting
import StetArchive
import StetDiff
@testable import StetWeb
import Synchronization
import Testing

/// What the test's receiver got.
final class Receiver: Sendable {
    struct Received: Sendable {
        var path: String
        var body: Data
        var delivery: String
        var attempt: Int
        var event: String
    }

    let received = Mutex<[Received]>([])

    func all(_ path: String) -> [Received] { received.withLock { $0.filter { $0.path == path } } }

    /// A receiver on 127.0.0.1: `/ok` accepts, `/flaky` answers 503 to the first two attempts of
    /// each delivery, `/reject` answers 410, `/down` answers 500.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let receiver = self
        for path in ["ok", "flaky", "reject", "down", "quotes", "figures", "substantive"] {
            router.post(RouterPath(path)) { request, context -> Response in
                let body = try await request.body.collect(upTo: 10_000_000)
                let attempt = Int(request.headers[.init("X-Stet-Attempt")!] ?? "") ?? 0
                let item = Received(
                    path: path, body: Data(buffer: body), delivery: request.headers[.init("X-Stet-Delivery")!] ?? "",
                    attempt: attempt, event: request.headers[.init("X-Stet-Event")!] ?? "")
                receiver.received.withLock { $0.append(item) }
                switch path {
                case "flaky": return Response(status: attempt <= 2 ? .serviceUnavailable : .ok)
                case "reject": return Response(status: .gone)
                case "down": return Response(status: .internalServerError)
                default: return Response(status: .noContent)
                }
            }
        }
        return router
    }
}

@Suite("Webhooks")
struct WebhookTests {
    @Test("hook URLs must be http(s)")
    func refusesOtherSchemes() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Archive.open(at: directory.appendingPathComponent("a.git").path)
        for url in ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "gopher://h/", "//no-scheme", "http://", "http://user:pw@host/"] {
            #expect(throws: WebhookError.self, "\(url)") { try archive.addWebhook(url: url) }
        }
        let hook = try archive.addWebhook(url: "https://example.org/hook", filter: .quotes)
        #expect(try archive.webhooks() == [hook])
        try archive.removeWebhook(id: hook.id)
        #expect(try archive.webhooks().isEmpty)
        #expect(throws: WebhookError.unknownHook(hook.id)) { try archive.removeWebhook(id: hook.id) }
    }

    @Test("each new version is POSTed to the matching hooks, retried with backoff, failures recorded")
    func delivery() async throws {
        let receiver = Receiver()
        let app = Application(router: receiver.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let base = "http://127.0.0.1:\(port)"
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let archive = try Archive.open(at: directory.appendingPathComponent("a.git").path)
            let ok = try archive.addWebhook(url: "\(base)/ok")
            let flaky = try archive.addWebhook(url: "\(base)/flaky")
            let reject = try archive.addWebhook(url: "\(base)/reject")
            let down = try archive.addWebhook(url: "\(base)/down")
            let quotes = try archive.addWebhook(url: "\(base)/quotes", filter: .quotes)
            let figures = try archive.addWebhook(url: "\(base)/figures", filter: .figures)
            let substantive = try archive.addWebhook(url: "\(base)/substantive", filter: .substantive)

            // A generous per-attempt timeout: the suite runs in parallel on shared machines.
            let policy = WebhookNotifier.RetryPolicy(attempts: 3, initialDelay: .milliseconds(20), multiplier: 2, timeout: .seconds(60))
            let notifier = WebhookNotifier(retryPolicy: policy)
            var outcomes: [SnapshotOutcome] = []
            var results: [[WebhookNotifier.Result]] = []
            for capture in try Fixtures.captures("belgorod") {
                let outcome = try archive.snapshot(Capture(
                    body: [UInt8](try Data(contentsOf: capture.file)), capturedAt: capture.time,
                    timeZone: TimeZone(identifier: "UTC") ?? .current, sourceFileName: capture.file.lastPathComponent))
                outcomes.append(outcome)
                results.append(await notifier.notify(archive: archive, outcome: outcome))
            }
            #expect(outcomes.count == 3)

            // Every version reached /ok once, in order, with the payload.
            let okBodies = receiver.all("ok")
            #expect(okBodies.count == 3)
            #expect(okBodies.allSatisfy { $0.event == "version.created" })
            let payloads = try okBodies.map { try JSONSerialization.jsonObject(with: $0.body) as? [String: Any] ?? [:] }
            #expect(payloads.map { ($0["version"] as? [String: Any])?["number"] as? Int } == [1, 2, 3])
            #expect(payloads.allSatisfy { $0["schema"] as? String == "stet.webhook/1" })
            #expect(payloads.allSatisfy { ($0["article"] as? [String: Any])?["id"] as? String == Fixtures.belgorodID })
            #expect(payloads[0]["diff"] is NSNull, "a first version has no diff")
            let last = try #require(okBodies.last)
            struct Envelope: Decodable { var diff: ArticleDiff; var version: Version; struct Version: Decodable { var capturedAt: String; var summary: String } }
            let envelope = try JSONDecoder().decode(Envelope.self, from: last.body)
            #expect(envelope.diff.schema == "stet.diff/1")
            #expect(envelope.diff.sentences.new.contains { $0.contains("FCDO") })
            #expect(envelope.version.capturedAt == "2024-01-03T15:02:00Z")

            // Filters: quote changes only in 2→3; the figure changed in 1→2.
            let quoteVersions = try receiver.all("quotes").map { try JSONDecoder().decode(VersionOnly.self, from: $0.body).version.number }
            #expect(quoteVersions == [3])
            let figureVersions = try receiver.all("figures").map { try JSONDecoder().decode(VersionOnly.self, from: $0.body).version.number }
            #expect(figureVersions.contains(2))
            #expect(!figureVersions.contains(1))
            #expect(receiver.all("substantive").count == 3)

            // Retries: /flaky succeeds on the third attempt of each delivery.
            let flakyResults = results.flatMap { $0 }.filter { $0.hookID == flaky.id }
            #expect(flakyResults.count == 3)
            #expect(flakyResults.allSatisfy { $0.succeeded && $0.attempts == 3 && $0.httpStatus == 200 })
            #expect(receiver.all("flaky").count == 9)
            // A 4xx is final at once; a 5xx is retried to the limit.
            let rejectResults = results.flatMap { $0 }.filter { $0.hookID == reject.id }
            #expect(rejectResults.allSatisfy { !$0.succeeded && $0.attempts == 1 && $0.httpStatus == 410 })
            #expect(receiver.all("down").count == 9)

            // Failures are recorded in the index.
            let hooks = Dictionary(uniqueKeysWithValues: try archive.webhooks().map { ($0.id, $0) })
            #expect(hooks[ok.id]?.consecutiveFailures == 0)
            #expect(hooks[ok.id]?.lastStatus == 204)
            #expect(hooks[down.id]?.consecutiveFailures == 3)
            #expect(hooks[down.id]?.lastError == "HTTP 500")
            #expect(hooks[reject.id]?.lastStatus == 410)
            let downDeliveries = try archive.webhookDeliveries(hookID: down.id)
            #expect(downDeliveries.count == 3)
            #expect(downDeliveries.allSatisfy { !$0.succeeded && $0.attempts == 3 && $0.httpStatus == 500 })
            #expect(try archive.webhookDeliveries(hookID: quotes.id).map(\.version) == [3])
            #expect(try archive.webhookDeliveries(hookID: figures.id).allSatisfy(\.succeeded))
            #expect(try archive.webhookDeliveries(hookID: substantive.id).count == 3)

            // Unchanged snapshots notify nobody.
            let again = try Fixtures.captures("belgorod")[2]
            let unchanged = try archive.snapshot(Capture(
                body: [UInt8](try Data(contentsOf: again.file)), capturedAt: again.time.addingTimeInterval(60),
                timeZone: TimeZone(identifier: "UTC") ?? .current, sourceFileName: again.file.lastPathComponent))
            #expect(await notifier.notify(archive: archive, outcome: unchanged).isEmpty)
            #expect(receiver.all("ok").count == 3)

            // An unreachable receiver (port 9, closed on loopback) is a transport error: retried,
            // then recorded. AsyncHTTPClient retries a refused connection until the attempt's
            // timeout, so this part uses a short one and only this hook.
            for hook in try archive.webhooks() { try archive.removeWebhook(id: hook.id) }
            let refused = try archive.addWebhook(url: "http://127.0.0.1:9/closed")
            let quick = WebhookNotifier(
                retryPolicy: .init(attempts: 2, initialDelay: .milliseconds(10), multiplier: 2, timeout: .milliseconds(500)))
            let refusedResults = await quick.notify(archive: archive, outcome: outcomes[2])
            #expect(refusedResults.count == 1)
            #expect(refusedResults.allSatisfy { !$0.succeeded && $0.attempts == 2 && $0.httpStatus == nil && $0.error != nil })
            let recorded = try #require(try archive.webhooks().first)
            #expect(recorded.consecutiveFailures == 1)
            #expect(recorded.lastError != nil)
            #expect(try archive.webhookDeliveries(hookID: refused.id).count == 1)
        }
    }

    struct VersionOnly: Decodable {
        struct Version: Decodable { var number: Int }
        var version: Version
    }

    @Test("the backoff grows by the multiplier")
    func backoff() {
        let policy = WebhookNotifier.RetryPolicy(attempts: 4, initialDelay: .seconds(2), multiplier: 3)
        #expect(policy.delay(before: 2) == .seconds(2))
        #expect(policy.delay(before: 3) == .seconds(6))
        #expect(policy.delay(before: 4) == .seconds(18))
    }
}
