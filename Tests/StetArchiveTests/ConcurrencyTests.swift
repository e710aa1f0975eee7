import Foundation
import Testing

@testable import StetArchive

/// Snapshots racing on the same article must each become a version (none lost, none duplicated).
@Suite struct ConcurrencyTests {
    static let sharedID = "desk/shared-story"

    /// The markers of every stored version's text, in version order.
    static func markers(_ archive: Archive) throws -> [String] {
        try archive.versions(of: sharedID).map { record in
            let document = try archive.document(of: sharedID, version: .number(record.number))
            let last = document.blocks.last?.text ?? ""
            return String(last.split(separator: ":").first ?? "")
        }
    }

    static func capture(marker: String) -> Capture {
        var paragraphs = story(0)
        paragraphs[4] = "\(marker): the council will vote on a new maintenance budget at its meeting on Thursday evening downtown."
        return textCapture(paragraphs, url: nil, id: sharedID)
    }

    @Test func concurrentTasksOnTwoInstancesLoseNothing() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let first = try Archive.open(at: path, create: true)
        let second = try Archive.open(at: path, create: false)
        let markers = (0..<10).map { "writer \($0)" }
        let outcomes = try await withThrowingTaskGroup(of: SnapshotOutcome.self) { group in
            for (offset, marker) in markers.enumerated() {
                let archive = offset % 2 == 0 ? first : second
                group.addTask { try archive.snapshot(Self.capture(marker: marker)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let numbers = outcomes.compactMap { outcome -> Int? in
            if case .newVersion(let number, _, _, _, _) = outcome { return number }
            return nil
        }
        #expect(numbers.sorted() == Array(1...10))
        #expect(try Set(Self.markers(first)) == Set(markers))
        #expect(try first.versions(of: Self.sharedID) == second.versions(of: Self.sharedID))
        let fsck = try runGit(["--git-dir", path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.output)")
    }

    @Test func twoProcessesLoseNothing() throws {
        let executable = ProcessInfo.processInfo.arguments[0]
        guard executable.hasSuffix(".xctest") else { return }
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        _ = try Archive.open(at: path, create: true)
        var workers: [Process] = []
        for name in ["alpha", "beta"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--testing-library", "swift-testing", "--filter", "concurrentWriterWorker"]
            var environment = ProcessInfo.processInfo.environment
            environment["STET_TEST_WORKER_ARCHIVE"] = path
            environment["STET_TEST_WORKER_NAME"] = name
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            workers.append(process)
        }
        for worker in workers {
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0)
        }
        let archive = try Archive.open(at: path, create: false)
        let expected = ["alpha", "beta"].flatMap { name in (0..<6).map { "\(name) \($0)" } }
        let stored = try Self.markers(archive)
        #expect(stored.count == expected.count)
        #expect(Set(stored) == Set(expected))
        let fsck = try runGit(["--git-dir", path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.output)")
    }

    /// Run only as a child process of `twoProcessesLoseNothing`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STET_TEST_WORKER_ARCHIVE"] != nil))
    func concurrentWriterWorker() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment["STET_TEST_WORKER_ARCHIVE"])
        let name = try #require(environment["STET_TEST_WORKER_NAME"])
        let archive = try Archive.open(at: path, create: false)
        for index in 0..<6 {
            let outcome = try archive.snapshot(Self.capture(marker: "\(name) \(index)"))
            guard case .newVersion = outcome else {
                Issue.record("worker \(name) snapshot \(index): \(outcome)")
                return
            }
        }
    }
}
