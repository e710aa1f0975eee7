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

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true, readOnly: true)
        let id = try archive.resolveArticle(article)
        let summary = try archive.article(id)
        let lines = try archive.versions(of: id).map(ViewModels.versionLine)
        emit(try HistoryRenderer.render(
            header: ViewModels.header(summary), lines: lines, format: output.format, options: output.renderOptions))
    }
}
