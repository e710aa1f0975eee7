import Foundation
import Testing

/// `stet serve` and `stet hook` as a user runs them (the built binary).
@Suite("serve and hook commands")
struct CommandTests {
    func stet(_ arguments: [String]) throws -> Run.Result {
        try Run.bounded(Run.stet, arguments, timeout: 60)
    }

    @Test("serve refuses a non-loopback address without --allow-remote, and bad addresses")
    func serveRefusesRemote() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("a.git").path
        for address in ["0.0.0.0:8080", "192.168.1.10:8080"] {
            let result = try stet(["serve", "--listen", address, "--archive", archive])
            #expect(result.status != 0)
            #expect(result.stderr.contains("not a loopback address"), "\(result.stderr)")
            #expect(result.stderr.contains("--allow-remote"))
        }
        let bad = try stet(["serve", "--listen", "localhost:http", "--archive", archive])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("no valid port"), "\(bad.stderr)")
        let missing = try stet(["serve", "--archive", archive])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no archive"), "\(missing.stderr)")
    }

    @Test("hook add, list and remove; non-http URLs refused")
    func hookCommands() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("a.git").path
        let added = try stet(["hook", "add", "https://example.org/hook", "--only", "quotes", "--archive", archive])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added webhook 1: https://example.org/hook (quote changes only)"), "\(added.stdout)")
        let refused = try stet(["hook", "add", "file:///etc/passwd", "--archive", archive])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("only http and https"), "\(refused.stderr)")
        let list = try stet(["hook", "list", "--archive", archive])
        #expect(list.stdout.contains("1  https://example.org/hook  quote changes only  no delivery yet"), "\(list.stdout)")
        let json = try stet(["hook", "list", "--json", "--archive", archive])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document?["schema"] as? String == "stet.hooks/1")
        #expect((document?["hooks"] as? [[String: Any]])?.first?["filter"] as? String == "quotes")
        let removed = try stet(["hook", "remove", "1", "--archive", archive])
        #expect(removed.status == 0)
        let again = try stet(["hook", "remove", "1", "--archive", archive])
        #expect(again.status != 0)
        #expect(again.stderr.contains("no webhook with id 1"), "\(again.stderr)")
        #expect(try stet(["hook", "list", "--archive", archive]).stdout.contains("No webhooks"))
    }
}
