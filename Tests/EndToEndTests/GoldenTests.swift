import Foundation
import Testing

/// Golden outputs over every consecutive pair of every `Samples/` series, in text and JSON.
///
/// A missing golden file is recorded and the test fails; `STET_RECORD=1` re-records them all.
@Suite("Golden diffs over Samples/")
struct GoldenTests {
    static let goldenDirectory = StetRunner.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden")

    static var pairs: [GoldenPair] {
        var pairs: [GoldenPair] = []
        for series in ["belgorod", "harbor-fire", "council-vote"] {
            guard let captures = try? StetRunner.captures(series) else { continue }
            for index in captures.indices.dropFirst() {
                pairs.append(GoldenPair(series: series, from: index, to: index + 1,
                                        old: captures[index - 1].path, new: captures[index].path))
            }
        }
        return pairs
    }

    @Test("diff output matches the recorded golden file", arguments: pairs, ["text", "json", "markdown"])
    func golden(pair: GoldenPair, format: String) throws {
        // Relative paths from the package root, so the headers are the same on every machine.
        let root = StetRunner.packageRoot.path + "/"
        let old = pair.old.hasPrefix(root) ? String(pair.old.dropFirst(root.count)) : pair.old
        let new = pair.new.hasPrefix(root) ? String(pair.new.dropFirst(root.count)) : pair.new
        let result = try StetRunner.execute(
            StetRunner.binary, ["diff", "--files", old, new, "--format", format], currentDirectory: StetRunner.packageRoot)
        #expect(result.succeeded, "\(result.stderr)")
        let ext = format == "markdown" ? "md" : (format == "json" ? "json" : "txt")
        let file = Self.goldenDirectory.appendingPathComponent("\(pair.series)-\(pair.from)-\(pair.to).\(ext)")
        let record = ProcessInfo.processInfo.environment["STET_RECORD"] == "1"
        if record || !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try result.stdout.write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record("recorded missing golden file \(file.lastPathComponent); check it and run again") }
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(result.stdout == expected, "output differs from \(file.lastPathComponent); STET_RECORD=1 re-records")
    }
}

struct GoldenPair: CustomTestStringConvertible, Sendable {
    var series: String
    var from: Int
    var to: Int
    var old: String
    var new: String

    var testDescription: String { "\(series) \(from)→\(to)" }
}
