import Foundation
import Testing

/// Runs the built `stet` binary the way a user would, and captures what they would see.
struct StetRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        var succeeded: Bool { status == 0 }
    }

    /// The package root (three levels above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let samples = packageRoot.appendingPathComponent("Samples")

    /// The `stet` executable: `$STET_BINARY`, else next to the test bundle, else `.build/debug/stet`.
    static let binary: URL = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["STET_BINARY"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(bundleDirectory.appendingPathComponent("stet"))
        candidates.append(bundleDirectory.deletingLastPathComponent().appendingPathComponent("stet"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/stet"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return packageRoot.appendingPathComponent(".build/debug/stet")
    }()

    /// A fresh temporary directory holding the archive for one test.
    let directory: URL
    var archive: String { directory.appendingPathComponent("archive.git").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stet-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `stet ARGS --archive <temp>` (the archive option is added for archive commands).
    @discardableResult
    func run(_ arguments: [String], archive useArchive: Bool = true, environment extra: [String: String] = [:]) throws -> Result {
        var arguments = arguments
        if useArchive { arguments += ["--archive", archive] }
        return try Self.execute(Self.binary, arguments, environment: extra, currentDirectory: directory)
    }

    /// Starts `stet` without waiting (for the concurrency and kill tests). With `log`, standard
    /// output and error go to that file.
    func start(_ arguments: [String], log: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + ["--archive", archive]
        if let log {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        process.currentDirectoryURL = directory
        try process.run()
        return process
    }

    static func execute(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:], currentDirectory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = "100"
        environment.removeValue(forKey: "STET_ARCHIVE")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Plain `git` on the archive, to prove it is readable without stet.
    func git(_ arguments: [String]) throws -> Result {
        try Self.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "--git-dir", archive] + arguments)
    }

    /// The captures of a `Samples/` series in capture order: (time, file path).
    static func captures(_ series: String) throws -> [(time: String, path: String)] {
        let folder = samples.appendingPathComponent(series)
        let list = try String(contentsOf: folder.appendingPathComponent("captures.txt"), encoding: .utf8)
        return list.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), folder.appendingPathComponent(String(parts[1])).path)
        }
    }

    /// Snapshots a whole series in order; returns the outputs.
    @discardableResult
    func snapshotSeries(_ series: String) throws -> [Result] {
        try Self.captures(series).map { capture in
            let result = try run(["snapshot", "--at", capture.time, capture.path])
            #expect(result.succeeded, "snapshot \(capture.path) failed: \(result.stderr)")
            return result
        }
    }
}

extension StetRunner.Result {
    /// A user-facing error: one line on stderr, non-zero exit, no crash report.
    func expectCleanError(containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status != 0, "expected a failure, got success: \(stdout)", sourceLocation: sourceLocation)
        #expect(status != 134 && status != 132 && status != 139, "crashed with status \(status)", sourceLocation: sourceLocation)
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count >= 1, "no error message", sourceLocation: sourceLocation)
        #expect(stderr.contains(fragment), "error \(stderr.debugDescription) does not mention \(fragment.debugDescription)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("Fatal error"), "stack trace or fatal error: \(stderr)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("Stack dump"), "stack trace: \(stderr)", sourceLocation: sourceLocation)
    }
}
