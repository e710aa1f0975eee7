import ArgumentParser
import Foundation
import StetArchive

/// `stet hook add URL [--only quotes|figures|substantive]`, `stet hook list`, `stet hook remove ID`.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Manage webhooks: a JSON POST to a URL for each new version.",
        discussion: """
            Each new version is POSTed as a stet.webhook/1 document (the article, the version and its \
            stet.diff/1 diff) to every hook whose filter it passes; failed deliveries are retried with \
            backoff and recorded. See docs/web.md.
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a webhook URL (http or https).")

        @Argument(help: ArgumentHelp("The URL to POST to.", valueName: "url"))
        var url: String

        @Option(name: .long, help: "Only versions with quote changes, figure changes, or substantive changes.")
        var only: Only?

        enum Only: String, ExpressibleByArgument, CaseIterable {
            case quotes, figures, substantive
        }

        @OptionGroup var archiveOptions: ArchiveOptions

        func validate() throws {
            do { try WebhookError.validate(url: url) } catch { throw ValidationError(error.description) }
        }

        func run() throws {
            let archive = try ArchiveAccess.open(archiveOptions, mustExist: false)
            let filter = only.flatMap { WebhookFilter(rawValue: $0.rawValue) } ?? .all
            let hook = try archive.addWebhook(url: url, filter: filter)
            print("added webhook \(hook.id): \(hook.url) (\(HookCommand.describe(hook.filter)))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the webhooks and their last delivery.")

        @Flag(name: .long, help: "Print JSON (stet.hooks/1).")
        var json = false

        @OptionGroup var archiveOptions: ArchiveOptions

        func run() throws {
            let archive = try ArchiveAccess.open(archiveOptions, mustExist: true)
            let hooks = try archive.webhooks()
            if json {
                struct Document: Encodable { var schema = "stet.hooks/1"; var hooks: [Webhook] }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(Document(hooks: hooks)), as: UTF8.self))
                return
            }
            guard !hooks.isEmpty else {
                print("No webhooks. Add one with: stet hook add URL")
                return
            }
            for hook in hooks {
                var line = "\(hook.id)  \(hook.url)  \(HookCommand.describe(hook.filter))"
                if let last = hook.lastDeliveryAt {
                    let state = hook.consecutiveFailures == 0
                        ? "ok" + (hook.lastStatus.map { " (HTTP \($0))" } ?? "")
                        : "failing ×\(hook.consecutiveFailures): \(hook.lastError ?? "unknown error")"
                    line += "  last delivery \(last.formatted(.iso8601)): \(state)"
                } else {
                    line += "  no delivery yet"
                }
                print(line)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a webhook by its id.")

        @Argument(help: ArgumentHelp("The hook's id, as `stet hook list` shows it.", valueName: "id"))
        var id: Int64

        @OptionGroup var archiveOptions: ArchiveOptions

        func run() throws {
            let archive = try ArchiveAccess.open(archiveOptions, mustExist: true)
            do { try archive.removeWebhook(id: id) } catch let error as WebhookError { throw CLIError(error.description) }
            print("removed webhook \(id)")
        }
    }

    static func describe(_ filter: WebhookFilter) -> String {
        switch filter {
        case .all: "every new version"
        case .quotes: "quote changes only"
        case .figures: "figure changes only"
        case .substantive: "substantive changes only"
        }
    }
}
