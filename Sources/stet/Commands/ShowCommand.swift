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

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true, readOnly: true)
        let id = try archive.resolveArticle(article)
        let stored = try archive.storedVersion(of: id, try VersionSelector(parsing: version))
        emit(try VersionRenderer.render(ViewModels.versionView(stored), format: output.format, options: output.renderOptions))
    }
}
