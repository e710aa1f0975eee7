import Foundation
import Testing

@testable import StetArchive

#if canImport(Glibc)
import Glibc
#endif

/// A writer process killed with SIGKILL at random moments must leave an archive that git finds
/// clean and that reopens with an index matching git.
@Suite struct KillTests {
    @Test func killedWritersLeaveAConsistentArchive() throws {
        let executable = ProcessInfo.processInfo.arguments[0]
        guard executable.hasSuffix(".xctest") else { return }
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        _ = try Archive.open(at: path, create: true)
        var generator = SplitMix64(seed: 42)
        for round in 0..<5 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--testing-library", "swift-testing", "--filter", "killableWriterWorker"]
            var environment = ProcessInfo.processInfo.environment
            environment["STET_TEST_KILL_ARCHIVE"] = path
            environment["STET_TEST_KILL_ROUND"] = "\(round)"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 150_000...700_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let fsck = try runGit(["--git-dir", path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.output)")

        let archive = try Archive.open(at: path, create: false)
        let clean = try runGit(["--git-dir", path, "fsck", "--strict", "--no-dangling"])
        #expect(!clean.output.contains("bad") && !clean.output.contains("error"), "\(clean.output)")
        let live = try indexDump(archive)
        #expect(!live.versions.isEmpty)
        try archive.reindex()
        let rebuilt = try indexDump(archive)
        #expect(rebuilt.versions == live.versions)
        #expect(rebuilt.articles == live.articles)
        for article in try archive.articles() {
            let log = try runGit(["--git-dir", path, "rev-list", "--count", Archive.reference(for: article.id)])
            #expect(Int(log.output.trimmingCharacters(in: .whitespacesAndNewlines)) == article.versionCount)
        }
        // The archive keeps working after the kills.
        let next = try archive.snapshot(textCapture(story(999), url: nil, minute: 100_000, id: "kill/a"))
        guard case .newVersion = next else {
            Issue.record("expected a new version after the kills, got \(next)")
            return
        }
    }

    /// Run only as a child process of `killedWritersLeaveAConsistentArchive`: snapshots until killed.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STET_TEST_KILL_ARCHIVE"] != nil))
    func killableWriterWorker() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment["STET_TEST_KILL_ARCHIVE"])
        let round = Int(environment["STET_TEST_KILL_ROUND"] ?? "0") ?? 0
        let archive = try Archive.open(at: path, create: false)
        for index in 0..<400 {
            let id = index % 2 == 0 ? "kill/a" : "kill/b"
            var paragraphs = story(0)
            paragraphs[4] = "Round \(round) step \(index): the council will vote on a new maintenance budget on Thursday evening downtown."
            _ = try archive.snapshot(textCapture(paragraphs, url: nil, minute: round * 1000 + index, id: id))
        }
    }
}
