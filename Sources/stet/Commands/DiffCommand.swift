import ArgumentParser
import Foundation
import StetArchive
import StetDiff
import StetRender

/// `stet diff ARTICLE [FROM [TO]]` and `stet diff --files OLD NEW`.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two versions of an article, the way an editor would.",
        discussion: """
            With an article, FROM and TO are version numbers or `latest`, `latest~1`, …; the default \
            compares the last two versions (or FROM with the latest). With --files, compares two files \
            (HTML pages go through the extractor; plain text is paragraphs separated by blank lines).
            """
    )

    @Flag(name: .long, help: "Compare two files instead of two stored versions.")
    var files = false

    @Argument(help: ArgumentHelp("ARTICLE [FROM [TO]], or OLD NEW with --files.", valueName: "arguments"))
    var arguments: [String] = []

    @Flag(name: .long, help: "Leave out minor changes (case, punctuation, spelling, whitespace).")
    var hideMinor = false

    @Option(name: .long, help: "Unchanged sentences shown around each change.")
    var context: Int = 1

    // `--archive`, `--format` and `--color` as in ArchiveOptions and OutputOptions, declared here
    // rather than through option groups: a read command run often (see Options.swift).
    @Option(name: .long, help: ArchiveLocation.help)
    var archive: String?

    @Option(name: .long, help: OutputSettings.formatHelp)
    var format: OutputFormat = .text

    @Option(name: .long, help: OutputSettings.colorHelp)
    var color: ColorChoice = .auto

    /// `--format` and `--color` as settings.
    var output: OutputSettings { OutputSettings(format: format, color: color) }

    func validate() throws {
        if files {
            guard arguments.count == 2 else { throw ValidationError("--files takes exactly two files: OLD NEW") }
        } else {
            guard (1...3).contains(arguments.count) else {
                throw ValidationError("give an ARTICLE and up to two versions, or --files OLD NEW")
            }
        }
        guard context >= 0 else { throw ValidationError("--context must be 0 or more") }
    }

    func run() throws {
        let options = DiffRenderOptions(
            colors: output.useColors, width: output.width, contextSentences: context, hideMinor: hideMinor)
        if files {
            let old = try InputFiles.document(at: arguments[0])
            let new = try InputFiles.document(at: arguments[1])
            let diff = Differ().diff(old: old, new: new)
            let context = DiffRenderContext(title: nil, oldLabel: arguments[0], newLabel: arguments[1])
            emit(try DiffRenderer(options: options).render(diff, context: context, format: output.format))
            return
        }
        let archive = try ArchiveAccess.open(path: ArchiveLocation.path(self.archive), mustExist: true, readOnly: true)
        let article = try archive.resolveArticle(arguments[0])
        let versions = try archive.versions(of: article)
        guard versions.count >= 1 else { throw CLIError("\(article) has no versions") }
        let from: VersionRecord
        let to: VersionRecord
        switch arguments.count {
        case 1:
            guard versions.count >= 2 else {
                throw CLIError("\(article) has only one version; nothing to compare yet")
            }
            from = versions[versions.count - 2]
            to = versions[versions.count - 1]
        case 2:
            from = try archive.version(of: article, arguments[1])
            to = versions[versions.count - 1]
        default:
            from = try archive.version(of: article, arguments[1])
            to = try archive.version(of: article, arguments[2])
        }
        let diff = try archive.diff(article: article, from: .number(from.number), to: .number(to.number))
        let context = DiffRenderContext(
            title: to.title, oldLabel: ViewModels.sideLabel(from), newLabel: ViewModels.sideLabel(to))
        emit(try DiffRenderer(options: options).render(diff, context: context, format: output.format))
    }
}
