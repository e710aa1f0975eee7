import Foundation
import Testing

/// The archive is plain git, the index is derived, and nothing is lost to races or `kill -9`.
@Suite("Archive integrity")
struct ArchiveIntegrityTests {
    @Test("plain git reads the archive: log shows the summaries, fsck is clean, clone copies everything")
    func plainGitReadsTheArchive() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.snapshotSeries("belgorod")
        let refs = try stet.git(["for-each-ref", "--format=%(refname)"])
        #expect(refs.succeeded, "\(refs.stderr)")
        let ref = try #require(refs.stdout.split(separator: "\n").first.map(String.init))
        let log = try stet.git(["log", "--format=%ad %s", "--date=iso-strict", ref])
        #expect(log.succeeded)
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(log.stdout)")
        #expect(lines.first?.contains("FCDO spokesperson") == true, "\(log.stdout)")
        #expect(lines.first?.hasPrefix("2024-01-03T15:02:00") == true, "commit time is capture time: \(log.stdout)")
        let tree = try stet.git(["ls-tree", "--name-only", ref])
        #expect(tree.stdout.contains("article.md"))
        #expect(tree.stdout.contains("meta.json"))
        #expect(tree.stdout.contains("source.html"))
        let fsck = try stet.git(["fsck", "--strict"])
        #expect(fsck.succeeded, "\(fsck.stdout)\(fsck.stderr)")
        let clone = stet.directory.appendingPathComponent("clone")
        let cloned = try StetRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "clone", "-q", "--mirror", stet.archive, clone.path])
        #expect(cloned.succeeded, "\(cloned.stderr)")
        let clonedLog = try StetRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "--git-dir", clone.path, "log", "--oneline", ref])
        #expect(clonedLog.stdout.split(separator: "\n").count == 3)
        // A plain (non-mirror) clone gets the articles as branches too.
        let plain = stet.directory.appendingPathComponent("plain")
        let plainClone = try StetRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "clone", "-q", "--bare", stet.archive, plain.path])
        #expect(plainClone.succeeded, "\(plainClone.stderr)")
        let plainRefs = try StetRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "--git-dir", plain.path, "for-each-ref"])
        #expect(plainRefs.stdout.contains(ref), "\(plainRefs.stdout)")
    }

    @Test("reindex rebuilds an index equal to the live one")
    func reindexEqualsLive() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.snapshotSeries("belgorod")
        try stet.snapshotSeries("harbor-fire")
        try stet.snapshotSeries("council-vote")
        func views() throws -> [String] {
            var outputs = [try stet.run(["list", "--format", "json"]).stdout]
            for article in ["newsweek.com", "coastalledger", "rivertowncourier"] {
                outputs.append(try stet.run(["log", article, "--format", "json"]).stdout)
            }
            return outputs
        }
        let before = try views()
        let reindex = try stet.run(["reindex"])
        #expect(reindex.succeeded, "\(reindex.stderr)")
        #expect(reindex.stdout.contains("3 articles"), "\(reindex.stdout)")
        #expect(reindex.stdout.contains("10 versions"), "\(reindex.stdout)")
        #expect(try views() == before)
    }

    @Test("two processes snapshotting into one archive at once lose no version")
    func concurrentSnapshots() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        // Two series into one archive, each as its own sequence of processes, all at the same time.
        let series = ["harbor-fire", "council-vote"]
        let group = DispatchGroup()
        nonisolated(unsafe) var failures: [String] = []
        let lock = NSLock()
        for name in series {
            let captures = try StetRunner.captures(name)
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                for capture in captures {
                    do {
                        let result = try stet.run(["snapshot", "--at", capture.time, capture.path])
                        if !result.succeeded { lock.withLock { failures.append(result.stderr) } }
                    } catch {
                        lock.withLock { failures.append("\(error)") }
                    }
                }
            }
        }
        // And the same article from two processes at once: one wins, the other records a check or a version.
        let belgorod = try StetRunner.captures("belgorod")
        try stet.run(["snapshot", "--at", belgorod[0].time, belgorod[0].path])
        let logA = stet.directory.appendingPathComponent("racer-a.log")
        let logB = stet.directory.appendingPathComponent("racer-b.log")
        let racerA = try stet.start(["snapshot", "--at", belgorod[1].time, belgorod[1].path], log: logA)
        let racerB = try stet.start(["snapshot", "--at", belgorod[2].time, belgorod[2].path], log: logB)
        racerA.waitUntilExit()
        racerB.waitUntilExit()
        group.wait()
        #expect(failures.isEmpty, "\(failures)")
        let harbor = try stet.run(["log", "coastalledger", "--format", "json"])
        #expect(harbor.stdout.components(separatedBy: "\"number\"").count - 1 == 4)
        let council = try stet.run(["log", "rivertowncourier", "--format", "json"])
        #expect(council.stdout.components(separatedBy: "\"number\"").count - 1 == 3)
        // Whatever order the racers ran in, each capture that exited 0 is in the history.
        let history = try stet.run(["log", "newsweek.com", "--format", "json"]).stdout
        let stored = history.components(separatedBy: "\"number\"").count - 1
        let succeeded = [racerA, racerB].filter { $0.terminationStatus == 0 }.count
        let racers = [logA, logB].map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
        #expect(stored == 1 + succeeded, "\(history)\nracer A (\(racerA.terminationStatus)): \(racers[0])\nracer B (\(racerB.terminationStatus)): \(racers[1])")
        let fsck = try stet.git(["fsck", "--strict"])
        #expect(fsck.succeeded, "\(fsck.stderr)")
    }

    @Test("kill -9 at any point of a snapshot leaves a clean archive and an index the next run repairs")
    func killNineLeavesAConsistentArchive() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let captures = try StetRunner.captures("harbor-fire")
        // The archive exists before the loop, so that the kills land inside snapshots (creating the
        // archive itself is atomic: a rename into place).
        try stet.run(["snapshot", "--article", "harbor", "--at", "2024-03-05T00:00:00Z", captures[0].path])
        // A bounded loop: each round starts a snapshot and kills it after a growing delay, from
        // before the process has read its input to after it has finished.
        var delay = 0.02
        var expectedAtLeast = 0
        for round in 0..<12 {
            // Each round's page says something new, so every snapshot that completes is a new version.
            let page = try String(contentsOfFile: captures[(round + 1) % captures.count].path, encoding: .utf8)
                .replacingOccurrences(
                    of: "The cause of the fire is under investigation.",
                    with: "The cause of the fire is under investigation (update \(round + 1)).")
            let copy = stet.directory.appendingPathComponent("round-\(round).html")
            try page.write(to: copy, atomically: false, encoding: .utf8)
            let time = "2024-03-0\(6 + round / 4)T\(10 + round):00:00Z"
            let process = try stet.start(["snapshot", "--article", "harbor", "--at", time, copy.path])
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            delay *= 1.45
            let fsck = try stet.git(["fsck", "--strict", "--no-dangling"])
            if FileManager.default.fileExists(atPath: stet.archive) {
                #expect(fsck.succeeded, "round \(round): \(fsck.stdout)\(fsck.stderr)")
            }
            if process.terminationReason == .exit && process.terminationStatus == 0 { expectedAtLeast += 1 }
        }
        // The next run repairs the index: every commit on the ref is listed by stet log.
        let list = try stet.run(["list", "--format", "json"])
        #expect(list.succeeded, "\(list.stderr)")
        let refs = try stet.git(["for-each-ref", "--format=%(refname)"]).stdout.split(separator: "\n")
        for ref in refs {
            let commits = try stet.git(["rev-list", "--count", String(ref)]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let log = try stet.run(["log", "harbor", "--format", "json"]).stdout
            #expect(String(log.components(separatedBy: "\"number\"").count - 1) == commits, "\(ref): \(log)")
        }
        // Every snapshot that finished before its kill is in the history (the first one too).
        let history = try stet.run(["log", "harbor", "--format", "json"]).stdout
        #expect(history.components(separatedBy: "\"number\"").count - 1 >= 1 + expectedAtLeast, "\(history)")
        // And the archive still takes new versions afterwards.
        let after = try stet.run(["snapshot", "--article", "harbor", "--at", "2024-04-01T00:00:00Z", captures[0].path])
        #expect(after.succeeded, "\(after.stderr)")
    }
}
