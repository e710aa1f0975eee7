import Foundation
import Testing

@testable import StetArchive

/// A fresh temporary directory, removed when the value is dropped.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("stet-archive-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func child(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}

/// A plain-text capture of `paragraphs` at `minute` minutes after a fixed base time.
func textCapture(
    _ paragraphs: [String], url: String? = "https://www.example.com/news/story-1?utm_source=x", minute: Int = 0,
    id: String? = nil
) -> Capture {
    Capture(
        body: Array(paragraphs.joined(separator: "\n\n").utf8), url: url, contentType: "text/plain; charset=utf-8",
        capturedAt: Date(timeIntervalSince1970: 1_704_067_200 + TimeInterval(minute * 60)),
        timeZone: TimeZone(secondsFromGMT: -5 * 3600) ?? .gmt, httpStatus: 200, articleID: id)
}

/// Five paragraphs of about twenty words each, varied by `variant` so that texts differ.
func story(_ variant: Int, extra: [String] = []) -> [String] {
    [
        "Officials said on Monday that the bridge over the river would reopen next week after repairs costing 12 million dollars.",
        "The mayor told reporters that the city had learned from the closure and would inspect every bridge by spring of next year.",
        "Residents of the eastern districts said the detour had added nearly an hour to their daily commute since the autumn.",
        "Engineers found corrosion in three support beams during a routine inspection in October, according to a report seen by reporters.",
        "Version marker \(variant): the council will vote on a new maintenance budget at its meeting on Thursday evening downtown.",
    ] + extra
}

/// Runs git (read-only commands) and returns its standard output and exit status.
func runGit(_ arguments: [String]) throws -> (output: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
}
