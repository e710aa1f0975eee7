import Foundation
import StetArchive
import StetWeb
import Testing

/// Archives built for the web tests, in temporary directories.
enum Fixtures {
    /// The package root (two levels above this file's folder).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let samples = packageRoot.appendingPathComponent("Samples")

    /// The belgorod article's id, as the archive derives it from the sample's canonical URL.
    static let belgorodID = "newsweek.com/russia-blames-nato-countries-terror-attack-belgorod-1857063"

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stet-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The captures of a `Samples/` series in order: (time, file).
    static func captures(_ series: String) throws -> [(time: Date, file: URL)] {
        let folder = samples.appendingPathComponent(series)
        let list = try String(contentsOf: folder.appendingPathComponent("captures.txt"), encoding: .utf8)
        let formatter = ISO8601DateFormatter()
        return list.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let date = formatter.date(from: String(parts[0])) else { return nil }
            return (date, folder.appendingPathComponent(String(parts[1])))
        }
    }

    /// Snapshots a whole sample series into `archive`; returns the outcomes.
    @discardableResult
    static func snapshot(_ series: String, into archive: Archive) throws -> [SnapshotOutcome] {
        try captures(series).map { capture in
            let body = [UInt8](try Data(contentsOf: capture.file))
            return try archive.snapshot(Capture(
                body: body, capturedAt: capture.time, timeZone: TimeZone(identifier: "UTC") ?? .current,
                sourceFileName: capture.file.lastPathComponent))
        }
    }

    /// An article whose text carries markup that must never run: two versions of a page about
    /// a `<script>` tag and an `onerror=` attribute, written as text in the page.
    static let hostileID = "hostile/markup-test"
    static let hostileScript = "<script>document.title='PWNED';document.body.insertAdjacentHTML('afterbegin','<b id=pwned>x</b>')</script>"
    static let hostileImage = "<img src=x onerror=\"document.title='PWNED'\">"

    static func hostilePage(version: Int) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let extra = version > 1
            ? "<p>The council said on Tuesday that \(escaped(hostileImage)) had also been found in a comment field.</p>" : ""
        return """
            <!DOCTYPE html><html><head><title>\(escaped("Markup \(hostileScript) in titles"))</title>
            <meta property="og:site_name" content="Test &lt;b&gt;Site&lt;/b&gt;">
            <link rel="canonical" href="javascript:document.title='PWNED'"></head>
            <body><article><h1>\(escaped("Markup \(hostileScript) in titles"))</h1>
            <p>Security researchers reported on Monday that a page contained the text \(escaped(hostileScript)) in its comments section, which worried readers of the site.</p>
            <p>The researchers said that about 40 people had seen the comment before it was removed by the site's moderators on Monday evening.</p>
            \(extra)
            <p>A spokesperson for the site said the team would review its moderation tools and publish a report within two weeks.</p>
            </article></body></html>
            """
    }

    /// Two versions of the hostile article.
    static func snapshotHostile(into archive: Archive) throws {
        let start = Date(timeIntervalSince1970: 1_704_000_000)
        for version in 1...2 {
            let outcome = try archive.snapshot(Capture(
                body: Array(hostilePage(version: version).utf8), capturedAt: start.addingTimeInterval(Double(version) * 3600),
                timeZone: TimeZone(identifier: "UTC") ?? .current, sourceFileName: "hostile.html", articleID: hostileID))
            guard case .newVersion = outcome else {
                Issue.record("hostile version \(version) not stored: \(outcome)")
                return
            }
        }
    }

    /// A new archive in a temporary directory with the belgorod series (and, optionally, the
    /// hostile article); the directory is returned for clean-up.
    static func archive(hostile: Bool = false) throws -> (Archive, URL) {
        let directory = try temporaryDirectory()
        let archive = try Archive.open(at: directory.appendingPathComponent("archive.git").path)
        try snapshot("belgorod", into: archive)
        if hostile { try snapshotHostile(into: archive) }
        return (archive, directory)
    }
}
