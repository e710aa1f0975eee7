import ArgumentParser
import StetArchive
import StetRender

/// `stet list`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the archived articles: id, title, site, versions, last change.")

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true, readOnly: true)
        let rows = try archive.articles().map(ViewModels.listRow)
        emit(try ListRenderer.render(rows: rows, format: output.format, options: output.renderOptions))
    }
}
