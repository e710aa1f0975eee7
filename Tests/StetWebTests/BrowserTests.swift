import Foundation
import Testing

/// A real browser (headless Chromium from Debian, `apt-get install chromium`) against the real
/// `stet serve` on an ephemeral loopback port. Skipped when Chromium is not installed. Each
/// browser run is bounded by a watchdog; the server is stopped at the end.
///
/// Set `STET_WRITE_SCREENSHOTS=1` to write `docs/screenshots/*.png` (the README's pictures).
@Suite("Browser", .enabled(if: Browser.isAvailable, "needs /usr/bin/chromium (apt-get install chromium)"), .serialized)
struct BrowserTests {
    @Test("the diff page of the belgorod series shows the added FCDO statement with its quote label")
    func diffPageInBrowser() throws {
        let server = try ServedArchive()
        defer { server.stop() }
        let url = "\(server.base)/a/\(Fixtures.belgorodID)/diff/2..3"
        let dom = try Browser.dumpDOM(url, profile: server.directory)
        #expect(dom.contains("FCDO"), "the added statement is on the page")
        #expect(dom.contains("quote added — FCDO spokesperson"), "its quote label is shown")
        #expect(dom.contains("<ins>"))
        #expect(dom.contains("<title>"))

        let writeDocs = ProcessInfo.processInfo.environment["STET_WRITE_SCREENSHOTS"] == "1"
        let folder = writeDocs ? Fixtures.packageRoot.appendingPathComponent("docs/screenshots") : server.directory
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, size) in [("diff.png", "1000,1000"), ("diff-phone.png", "390,1100")] {
            let file = folder.appendingPathComponent(name)
            try Browser.screenshot(url, to: file, windowSize: size, profile: server.directory)
            let bytes = try Data(contentsOf: file)
            #expect(bytes.count > 10_000, "\(name) is a real picture")
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is a PNG")
        }
        if writeDocs {
            try Browser.screenshot(
                "\(server.base)/a/\(Fixtures.belgorodID)", to: folder.appendingPathComponent("history.png"), windowSize: "1000,900",
                profile: server.directory)
            try Browser.screenshot(
                "\(server.base)/a/\(Fixtures.belgorodID)/v/3", to: folder.appendingPathComponent("version.png"), windowSize: "1000,1300",
                profile: server.directory)
            try Browser.screenshot(
                "\(server.base)/a/\(Fixtures.belgorodID)/timeline", to: folder.appendingPathComponent("timeline.png"),
                windowSize: "1000,1100", profile: server.directory)
        }
    }

    @Test("injected markup in an article does not run in the browser")
    func injectedScriptDoesNotRun() throws {
        let server = try ServedArchive(hostile: true)
        defer { server.stop() }
        // Control: the same script, unescaped, does run in this browser, so its absence below means
        // the pages kept it inert.
        let control = try Browser.dumpDOM(
            "data:text/html,<title>ok</title><body><p>x</p>\(Fixtures.hostileScript)</body>".addingPercentEncoding(
                withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "#%"))) ?? "",
            profile: server.directory)
        #expect(control.contains("<title>PWNED</title>") && control.contains("<b id=\"pwned\">"), "\(control)")
        for path in ["/a/\(Fixtures.hostileID)/diff/1..2", "/a/\(Fixtures.hostileID)/v/2", "/"] {
            let dom = try Browser.dumpDOM(server.base + path, profile: server.directory)
            #expect(!dom.contains("<title>PWNED</title>"), "\(path): the injected script changed the title")
            #expect(!dom.contains("<b id=\"pwned\">"), "\(path): the injected script changed the DOM")
            #expect(!dom.contains("<img"), "\(path): the injected image became an element")
            #expect(dom.contains("&lt;script&gt;") || path == "/", "\(path): the script is shown as text")
            #expect(dom.contains("· stet</title>"), "\(path): the page's own title is intact")
        }
    }
}

/// The headless browser.
enum Browser {
    static let path = "/usr/bin/chromium"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }
    /// The longest a single browser run may take.
    static let timeout: TimeInterval = 90

    static func arguments(profile: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
            "--user-data-dir=\(profile.appendingPathComponent("chromium").path)",
        ]
    }

    static func dumpDOM(_ url: String, profile: URL) throws -> String {
        let result = try Run.bounded(URL(fileURLWithPath: path), arguments(profile: profile) + ["--dump-dom", url], timeout: timeout)
        guard result.status == 0, !result.stdout.isEmpty else {
            throw RunFailure(message: "chromium --dump-dom \(url) failed (\(result.status)): \(result.stderr.suffix(2000))")
        }
        return result.stdout
    }

    static func screenshot(_ url: String, to file: URL, windowSize: String, profile: URL) throws {
        try? FileManager.default.removeItem(at: file)
        let result = try Run.bounded(
            URL(fileURLWithPath: path),
            arguments(profile: profile) + ["--screenshot=\(file.path)", "--window-size=\(windowSize)", url], timeout: timeout)
        guard result.status == 0, FileManager.default.fileExists(atPath: file.path) else {
            throw RunFailure(message: "chromium --screenshot \(url) failed (\(result.status)): \(result.stderr.suffix(2000))")
        }
    }
}

struct RunFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Running programs with a time limit.
enum Run {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to its end, killing it after `timeout` seconds.
    static func bounded(_ executable: URL, _ arguments: [String], timeout: TimeInterval) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
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
        watchdog.cancel()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The `stet` executable: `$STET_BINARY`, else next to the test bundle, else `.build/debug/stet`.
    static let stet: URL = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["STET_BINARY"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("stet"), bundleDirectory.deletingLastPathComponent().appendingPathComponent("stet"),
            Fixtures.packageRoot.appendingPathComponent(".build/debug/stet"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()
}

/// An archive built with `stet snapshot` from the belgorod series (per `captures.txt`), served by
/// `stet serve --listen 127.0.0.1:0`.
final class ServedArchive {
    let directory: URL
    let process: Process
    let base: String

    init(hostile: Bool = false) throws {
        directory = try Fixtures.temporaryDirectory()
        let archive = directory.appendingPathComponent("archive.git").path
        let list = try String(contentsOf: Fixtures.samples.appendingPathComponent("belgorod/captures.txt"), encoding: .utf8)
        for line in list.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { continue }
            let file = Fixtures.samples.appendingPathComponent("belgorod").appendingPathComponent(String(parts[1])).path
            let result = try Run.bounded(Run.stet, ["snapshot", "--at", String(parts[0]), file, "--archive", archive], timeout: 60)
            guard result.status == 0 else { throw RunFailure(message: "stet snapshot \(file): \(result.stderr)") }
        }
        if hostile {
            for version in 1...2 {
                let file = directory.appendingPathComponent("hostile-\(version).html")
                try Fixtures.hostilePage(version: version).write(to: file, atomically: true, encoding: .utf8)
                let result = try Run.bounded(
                    Run.stet,
                    ["snapshot", "--at", "2024-02-0\(version)T10:00:00Z", "--article", Fixtures.hostileID, file.path, "--archive", archive],
                    timeout: 60)
                guard result.status == 0 else { throw RunFailure(message: "stet snapshot hostile: \(result.stderr)") }
            }
        }
        process = Process()
        process.executableURL = Run.stet
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--archive", archive]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line names the bound address; wait for it at most 30 s.
        let found = LineReader.wait(for: pipe.fileHandleForReading, seconds: 30)
        guard let found, let range = found.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
            process.terminate()
            throw RunFailure(message: "stet serve did not report its address: \(found ?? "nothing")")
        }
        base = String(found[range])
    }

    func stop() {
        if process.isRunning {
            process.interrupt()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { process.terminate() }
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Reads a pipe until a line arrives or the time is up.
enum LineReader {
    static func wait(for handle: FileHandle, seconds: TimeInterval) -> String? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var text = ""
        DispatchQueue.global().async {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                if buffer.contains(UInt8(ascii: "\n")) { break }
            }
            text = String(decoding: buffer, as: UTF8.self)
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return text
    }
}
