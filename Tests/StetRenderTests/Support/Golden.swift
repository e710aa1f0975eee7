import Foundation
import Testing

/// Golden files: expected outputs stored next to the tests, in `Goldens/`, named after the test.
///
/// A missing golden is recorded and the test fails (so a new golden is always looked at once);
/// `STET_RECORD=1` re-records them all.
enum Golden {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Goldens")
    }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["STET_RECORD"] == "1"
        if !record, let expected = try? String(contentsOf: url, encoding: .utf8) {
            #expect(actual == expected, "output differs from golden \(name); re-record with STET_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            if !record {
                Issue.record("recorded missing golden \(name); check it and run again", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("cannot write golden \(name): \(error)", sourceLocation: sourceLocation)
        }
    }
}
