import ArgumentParser
import StetArchive
import StetRender

/// `stet list`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the archived articles: id, title, site, versions, last change.")

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
        let rows = try archive.articles().map(ViewModels.listRow)
        emit(try ListRenderer.render(rows: rows, format: output.format, options: output.renderOptions))
    }
}
