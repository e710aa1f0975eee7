import ArgumentParser
import StetArchive
import StetRender

/// `stet log ARTICLE`.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show an article's update history: one line per version with its time and semantic summary.")

    @Argument(help: "The article: an id, a URL, or an unambiguous prefix of either.")
    var article: String

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
        let summary = try archive.article(id)
        let lines = try archive.versions(of: id).map(ViewModels.versionLine)
        emit(try HistoryRenderer.render(
            header: ViewModels.header(summary), lines: lines, format: output.format, options: output.renderOptions))
    }
}
