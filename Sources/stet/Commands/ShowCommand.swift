import ArgumentParser
import StetArchive
import StetRender

/// `stet show ARTICLE [VERSION]`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one version of an article: its text and metadata.")

    @Argument(help: "The article: an id, a URL, or an unambiguous prefix of either.")
    var article: String

    @Argument(help: "The version: a number, `latest` (the default) or `latest~N`.")
    var version: String = "latest"

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

    func run() throws {
        let archive = try ArchiveAccess.open(path: ArchiveLocation.path(self.archive), mustExist: true, readOnly: true)
        let id = try archive.resolveArticle(article)
        let stored = try archive.storedVersion(of: id, try VersionSelector(parsing: version))
        emit(try VersionRenderer.render(ViewModels.versionView(stored), format: output.format, options: output.renderOptions))
    }
}
