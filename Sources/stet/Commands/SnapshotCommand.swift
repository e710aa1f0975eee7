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

    /// Captures stored together when several are given (one pack, one index transaction each:
    /// see `Archive.snapshot(batch:)`).
    static let batchSize = 100

    func run() async throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: false)
        var failures = 0
        if inputs.count == 1, let input = inputs.first {
            do {
                let capture = try await Captures.capture(input, at: at.flatMap(Timestamps.parse), url: url, article: article)
                let outcome = try archive.snapshot(capture)
                print(ViewModels.snapshotLine(outcome))
                await WebhookNotifier().notify(archive: archive, outcome: outcome)
                if case .rejected = outcome { failures += 1 }
            } catch {
                failures += 1
                Self.report(input, error)
            }
        } else {
            // Several pages (an import of saved files): read or fetched in order, stored in
            // batches; lines and errors are printed in input order, as one at a time would.
            var pending: [(input: String, capture: Result<Capture, any Error>)] = []
            for (index, input) in inputs.enumerated() {
                do {
                    pending.append((input, .success(try await Captures.capture(input, at: nil, url: nil, article: article))))
                } catch {
                    pending.append((input, .failure(error)))
                }
                if pending.count == Self.batchSize || index == inputs.count - 1 {
                    failures += await store(pending, in: archive)
                    pending.removeAll()
                }
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }

    /// Stores captures in one batch (split where one fails), printing each one's line or error in
    /// order; returns how many failed or were rejected.
    private func store(_ pending: [(input: String, capture: Result<Capture, any Error>)], in archive: Archive) async -> Int {
        var failures = 0
        var rest = pending[...]
        while !rest.isEmpty {
            // Leading capture errors are reported as they come.
            if let first = rest.first, case .failure(let error) = first.capture {
                failures += 1
                Self.report(first.input, error)
                rest = rest.dropFirst()
                continue
            }
            let run = rest.prefix { if case .success = $0.capture { true } else { false } }
            let captures = run.compactMap { try? $0.capture.get() }
            do {
                let (outcomes, failure) = try archive.snapshotUntilFailure(batch: captures)
                for outcome in outcomes {
                    print(ViewModels.snapshotLine(outcome))
                    await WebhookNotifier().notify(archive: archive, outcome: outcome)
                    if case .rejected = outcome { failures += 1 }
                }
                rest = rest.dropFirst(outcomes.count)
                if let failure, let failed = rest.first {
                    failures += 1
                    Self.report(failed.input, failure)
                    rest = rest.dropFirst()
                }
            } catch {
                // The batch's commit failed: none of these captures is stored.
                for entry in run {
                    failures += 1
                    Self.report(entry.input, error)
                }
                rest = rest.dropFirst(run.count)
            }
        }
        return failures
    }

    private static func report(_ input: String, _ error: any Error) {
        FileHandle.standardError.write(Data("Error: \(input): \(error)\n".utf8))
    }
}
