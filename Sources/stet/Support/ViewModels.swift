import Foundation
import StetArchive
import StetRender

/// Maps the archive's records onto the renderers' view models.
enum ViewModels {
    static func listRow(_ article: ArticleSummary) -> ArticleListRow {
        ArticleListRow(
            id: article.id, title: article.title, site: article.site, url: article.canonicalURL ?? article.url,
            versionCount: article.versionCount, lastChangedAt: article.lastChangedAt, lastSummary: article.lastSummary)
    }

    static func header(_ article: ArticleSummary) -> ArticleHeader {
        ArticleHeader(
            id: article.id, title: article.title, site: article.site, url: article.canonicalURL ?? article.url,
            versionCount: article.versionCount)
    }

    static func versionLine(_ record: VersionRecord) -> VersionLine {
        VersionLine(
            number: record.number, capturedAt: record.capturedAt, summary: record.summary, counts: record.counts,
            revertOf: record.revertOf, titleChanged: false)
    }

    static func versionView(_ stored: StoredVersion) -> VersionView {
        let article = stored.article
        return VersionView(
            articleID: stored.record.articleID, number: stored.record.number, capturedAt: stored.record.capturedAt,
            title: article.title, byline: article.byline, published: article.published, modified: article.modified,
            canonicalURL: article.canonicalURL, siteName: article.siteName, language: article.language,
            blocks: article.blocks)
    }

    static func sideLabel(_ record: VersionRecord) -> String {
        DiffRenderContext.sideLabel(version: record.number, capturedAt: record.capturedAt)
    }

    /// The line `stet snapshot` prints for each capture.
    static func snapshotLine(_ outcome: SnapshotOutcome) -> String {
        switch outcome {
        case .newVersion(let number, let id, let title, let summary, let revertOf):
            let name = title.map { "\"\($0)\"" } ?? id
            let revert = revertOf.map { " (revert to version \($0))" } ?? ""
            return "new version \(number) of \(name): \(summary)\(revert)"
        case .unchanged(let id, let version):
            return "unchanged: \(id) is still version \(version)"
        case .rejected(let id, let reason):
            return "not stored: \(id): \(reason)"
        }
    }
}
