import ArgumentParser
import StetArchive
import StetDiff
import StetRender
import StetText

/// `stet blame ARTICLE [VERSION]`.
struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "Show each sentence of a version with the version that introduced it.",
        discussion: "Minor edits (typos, punctuation) keep a sentence's origin; a substantive edit makes it new.")

    @Argument(help: "The article: an id, a URL, or an unambiguous prefix of either.")
    var article: String

    @Argument(help: "The version: a number, `latest` (the default) or `latest~N`.")
    var version: String = "latest"

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true, readOnly: true)
        let id = try archive.resolveArticle(article)
        let target = try archive.version(of: id, version)
        let records = try archive.versions(of: id).filter { $0.number <= target.number }
        let documents = try records.map { try archive.document(of: id, version: .number($0.number)) }
        let blame = Blame(versions: documents)
        let segmented = Segmenter().segment(documents[documents.count - 1])
        let sentences = blame.sentences.last ?? []
        let origins = blame.origins.last ?? []
        let lines = sentences.indices.map { index in
            let origin = index < origins.count ? origins[index] : records.count - 1
            return BlameRenderer.Line(
                sentence: sentences[index], version: records[origin].number, capturedAt: records[origin].capturedAt,
                block: index < segmented.sentences.count ? segmented.sentences[index].block : 0)
        }
        emit(try BlameRenderer.render(
            header: ViewModels.header(try archive.article(id)), version: target.number, lines: lines,
            format: output.format, options: output.renderOptions))
    }
}
