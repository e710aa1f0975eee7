import Foundation
import Testing

/// `stet debug generate-archive` writes in batches; the archive must be what snapshots one by one
/// would leave, and its index what `stet reindex` rebuilds from git.
@Suite("Generate archive")
struct GenerateArchiveTests {
    @Test("batches change nothing but packing; reindex rebuilds the same rows; git reads it")
    func generatedArchiveIsWhatSnapshotsLeave() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let small = stet.directory.appendingPathComponent("one-article-batches.git").path
        let large = stet.directory.appendingPathComponent("five-article-batches.git").path
        for (path, batch) in [(small, "1"), (large, "5")] {
            let generated = try stet.run(
                ["debug", "generate-archive", "--articles", "12", "--versions", "4", "--batch", batch, "--no-final-gc", "--quiet", "--archive", path],
                archive: false)
            #expect(generated.succeeded, "\(generated.stderr)")
        }
        func git(_ path: String, _ arguments: [String]) throws -> StetRunner.Result {
            try StetRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "--git-dir", path] + arguments)
        }
        // Same commits (their ids cover every tree and blob) under the same refs.
        let refs = try git(large, ["for-each-ref", "--format=%(refname) %(objectname)"])
        #expect(refs.stdout.split(separator: "\n").count == 12)
        #expect(refs.stdout == (try git(small, ["for-each-ref", "--format=%(refname) %(objectname)"])).stdout)
        // One pack per batch, nothing loose; plain git accepts and reads it.
        let packs = try FileManager.default.contentsOfDirectory(atPath: large + "/objects/pack").filter { $0.hasSuffix(".pack") }
        #expect(packs.count == 3)
        let fsck = try git(large, ["fsck", "--strict"])
        #expect(fsck.succeeded, "\(fsck.stdout)\(fsck.stderr)")
        let firstRef = try #require(refs.stdout.split(separator: " ").first.map(String.init))
        #expect(try git(large, ["log", "--oneline", firstRef]).stdout.split(separator: "\n").count == 4)

        let ids = refs.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0].dropFirst("refs/heads/articles/".count)) }
        func views(_ path: String) throws -> [String] {
            var outputs = [try stet.run(["list", "--format", "json", "--archive", path], archive: false).stdout]
            for id in ids { outputs.append(try stet.run(["log", id, "--format", "json", "--archive", path], archive: false).stdout) }
            return outputs
        }
        let before = try views(large)
        #expect(before == (try views(small)))
        let reindex = try stet.run(["reindex", "--archive", large], archive: false)
        #expect(reindex.succeeded, "\(reindex.stderr)")
        #expect(reindex.stdout.contains("12 articles"), "\(reindex.stdout)")
        #expect(try views(large) == before)
    }
}
