import ArgumentParser
import StetArchive
import StetDiff
import StetRender

/// `stet timeline ARTICLE`.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Show every quote and figure across all versions: when it appeared, changed, disappeared.")

    @Argument(help: "The article: an id, a URL, or an unambiguous prefix of either.")
    var article: String

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true, readOnly: true)
        let id = try archive.resolveArticle(article)
        let records = try archive.versions(of: id)
        let documents = try records.map { try archive.document(of: id, version: .number($0.number)) }
        let timeline = Timeline(versions: documents)
        emit(try TimelineRenderer.render(
            header: ViewModels.header(try archive.article(id)), timeline: timeline, capturedAt: records.map(\.capturedAt),
            format: output.format, options: output.renderOptions))
    }
}
