import ArgumentParser
import Foundation
import StetArchive
import StetWeb

/// `stet snapshot URL|FILE… [--at TIME] [--article ID]`.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Capture an article now, or import an old capture with its time.",
        discussion: """
            Each FILE is an HTML page or a plain-text article; each URL is fetched once. A capture whose \
            text equals the latest version is recorded as a check ("unchanged"); one equal to an older \
            version is stored as a new version marked as a revert.
            """
    )

    @Argument(help: ArgumentHelp("Pages to capture: local files or http(s) URLs.", valueName: "url-or-file"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Capture time (ISO 8601, e.g. 2024-01-03T15:02:00Z); default now.", valueName: "time"))
    var at: String?

    @Option(name: .long, help: ArgumentHelp("Store under this article id instead of the one derived from the page.", valueName: "id"))
    var article: String?

    @Option(name: .long, help: ArgumentHelp("The page's URL, for a local file saved from the web.", valueName: "url"))
    var url: String?

    @OptionGroup var archiveOptions: ArchiveOptions

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one file or URL") }
        if at != nil, inputs.count > 1 { throw ValidationError("--at applies to one capture at a time") }
        if let at, Timestamps.parse(at) == nil {
            throw ValidationError("cannot read the time '\(at)': use ISO 8601, e.g. 2024-01-03T15:02:00Z")
        }
        if url != nil, inputs.count > 1 { throw ValidationError("--url applies to one file at a time") }
    }

    func run() async throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: false)
        var failures = 0
        for input in inputs {
            do {
                let capture = try await Captures.capture(input, at: at.flatMap(Timestamps.parse), url: url, article: article)
                let outcome = try archive.snapshot(capture)
                print(ViewModels.snapshotLine(outcome))
                await WebhookNotifier().notify(archive: archive, outcome: outcome)
                if case .rejected = outcome { failures += 1 }
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("Error: \(input): \(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }
}
