// The site: maps a request path and query to a response, with no HTTP server involved, so that
// routing and pages are testable directly and the Hummingbird layer stays a thin adapter.
//
// Routes (see docs/api.md):
//   GET /                       article list (filters: q, site, quotes, figures, today)
//   GET /a/<id>[/…]             article pages (see ArticleRoute)
//   GET /feed.atom              newest versions of every article
//   GET /style.css              the style sheet
//   GET /api/articles, /api/a/<id>[/…]   JSON mirrors of the CLI's output
//
// Every page reads the archive synchronously (GRDB and libgit2 calls of a few milliseconds); diff,
// blame and timeline pages run the differ, one diff per page and one per version for blame and
// timeline.

import Foundation
import Mustache
import StetArchive
import StetDiff
import StetRender
import StetText

/// The web interface over one archive.
public final class StetSite: Sendable {
    /// The archive shown.
    public let archive: Archive
    public let configuration: WebConfiguration
    let library: MustacheLibrary
    let diffs = Memo<ArticleDiff>(capacity: 512)
    let blames = Memo<Blame>(capacity: 64)
    let timelines = Memo<Timeline>(capacity: 64)

    /// A site over `archive`.
    /// - Throws: when a built-in template does not parse (a programming error caught by the tests).
    public init(archive: Archive, configuration: WebConfiguration = WebConfiguration()) throws {
        self.archive = archive
        self.configuration = configuration
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            try library.register(text, named: name)
        }
        self.library = library
    }

    /// Answers a GET request. `path` is the raw request path (percent-encoded as sent), `query`
    /// the decoded query parameters, `host` the `Host` header (for absolute feed links).
    public func respond(path: String, query: [String: String] = [:], host: String? = nil) -> WebResponse {
        let path = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let isAPI = path == "/api" || path.hasPrefix("/api/")
        do {
            return try route(path: path, query: query, host: host)
        } catch let error as PageError {
            return isAPI ? apiError(error) : errorPage(error)
        } catch let error as ArchiveError {
            let pageError: PageError = switch error {
            case .unknownArticle: .notFound(error.description)
            case .versionOutOfRange, .invalidVersionSelector: .notFound(error.description)
            default: PageError(status: 500, heading: "Something went wrong", message: error.description)
            }
            return isAPI ? apiError(pageError) : errorPage(pageError)
        } catch {
            let pageError = PageError(status: 500, heading: "Something went wrong", message: "\(error)")
            return isAPI ? apiError(pageError) : errorPage(pageError)
        }
    }

    private func route(path: String, query: [String: String], host: String?) throws -> WebResponse {
        switch path {
        case "/", "": return page("Tracked articles", try listContent(query: query), template: "list", feed: ("/feed.atom", "All changes"))
        case "/style.css":
            var response = WebResponse(contentType: "text/css; charset=utf-8", body: Templates.stylesheet)
            response.headers["Cache-Control"] = "public, max-age=3600"
            return response
        case "/feed.atom": return try AtomFeeds(site: self).archiveFeed(base: base(host: host))
        case "/api/articles": return .json(try ListRenderer.render(rows: try filteredRows(query: query).map(\.row), format: .json))
        default: break
        }
        if path.hasPrefix("/a/") {
            return try articlePage(path.dropFirst(3), query: query, host: host)
        }
        if path.hasPrefix("/api/a/") {
            return try articleAPI(path.dropFirst(7), query: query)
        }
        throw PageError.notFound("There is no page at this address.")
    }

    // MARK: Rendering

    func render(_ model: Any, template: String) -> String {
        library.render(model, withTemplate: template) ?? ""
    }

    func page(_ title: String, _ model: Any, template: String, status: Int = 200, feed: (String, String)? = nil) -> WebResponse {
        let content = render(model, template: template)
        let layout = LayoutModel(title: title, content: content, feedHref: feed?.0, feedTitle: feed?.1)
        var response = WebResponse.html(render(layout, template: "layout"), status: status)
        response.headers["Content-Security-Policy"] =
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        return response
    }

    func errorPage(_ error: PageError) -> WebResponse {
        let model = ErrorModel(heading: error.heading, message: error.message, backHref: "/", backText: "Back to the articles")
        return page(error.heading, model, template: "error", status: error.status)
    }

    func apiError(_ error: PageError) -> WebResponse {
        struct Body: Encodable { var schema = "stet.error/1"; var status: Int; var error: String }
        let body = (try? JSONOutputEncoder.encode(Body(status: error.status, error: error.message))) ?? "{}\n"
        return .json(body, status: error.status)
    }

    /// The absolute base URL for feeds: the configured one, else from the `Host` header.
    func base(host: String?) -> String {
        if let base = configuration.baseURL { return base }
        if let host, !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) }) {
            return "http://\(host)"
        }
        return "http://localhost"
    }

    // MARK: Articles

    /// Whether an index row exists for `id` (an article with versions or failed checks).
    func isArticle(_ id: String) -> Bool {
        (try? archive.article(id)) != nil
    }

    /// The article, or a redirect target when `id` is a unique prefix or URL of one.
    func lookUp(_ id: String) throws -> ArticleSummary {
        if let article = try? archive.article(id) { return article }
        throw PageError.notFound("No article has the id “\(id)”.")
    }

    /// A version selector (`3`, `latest`, `latest~1`) as a number, or a 404 naming the range.
    func versionNumber(_ selector: String, of article: ArticleSummary) throws -> Int {
        guard let parsed = try? VersionSelector(parsing: selector) else {
            throw PageError.badRequest("“\(selector)” is not a version: use a number, latest or latest~K.")
        }
        guard let number = parsed.resolve(count: article.versionCount) else {
            throw PageError.notFound(
                "This article has \(Formatting.count(article.versionCount, "version")); there is no version “\(selector)”.")
        }
        return number
    }

    private func articlePage(_ rest: Substring, query: [String: String], host: String?) throws -> WebResponse {
        guard let route = ArticleRoute.parse(rest, isArticle: isArticle) else {
            throw PageError.notFound("No article named in the address.")
        }
        if !isArticle(route.articleID), let resolved = try? archive.resolveArticle(route.articleID) {
            return .redirect(to: ArticleRoute.path(resolved, route.view))
        }
        let article = try lookUp(route.articleID)
        let title = article.title ?? article.id
        let feed = (ArticleRoute.path(article.id, .feed), "Changes to \(title)")
        switch route.view {
        case .history:
            return page(title, try historyModel(article), template: "history", feed: feed)
        case .diff(let from, let to):
            let hideMinor = query["minor"] == "hide"
            let model = try DiffPageBuilder(site: self, article: article).model(from: from, to: to, hideMinor: hideMinor)
            return page("\(title) · v\(model.fromNumber)→v\(model.toNumber)", model, template: "diff", feed: feed)
        case .version(let selector):
            let model = try versionModel(article, selector: selector)
            return page("\(title) · version \(model.number)", model, template: "version", feed: feed)
        case .timeline:
            return page("\(title) · quotes and figures", try timelineModel(article), template: "timeline", feed: feed)
        case .feed:
            return try AtomFeeds(site: self).articleFeed(article, base: base(host: host))
        }
    }

    // MARK: List

    struct ListedArticle {
        var summary: ArticleSummary
        var versions: [VersionRecord]
        var row: ArticleListRow
        var hasQuote: Bool
        var hasFigure: Bool
        var hasNote: Bool
    }

    /// The articles the list filters keep, most recently changed first.
    /// Complexity: one index read per article (its versions) to know its labels.
    func filteredRows(query: [String: String]) throws -> [ListedArticle] {
        let text = (query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let site = query["site"].flatMap { $0.isEmpty ? nil : $0 }
        let wantQuotes = Self.flag(query["quotes"]), wantFigures = Self.flag(query["figures"]), wantToday = Self.flag(query["today"])
        let today = Formatting.startOfUTCDay(configuration.now())
        return try archive.articles().compactMap { article -> ListedArticle? in
            if let site, article.site != site { return nil }
            if !text.isEmpty {
                let haystack = [article.title, article.url, article.canonicalURL, article.id].compactMap { $0?.lowercased() }
                if !haystack.contains(where: { $0.contains(text) }) { return nil }
            }
            if wantToday, (article.lastChangedAt ?? .distantPast) < today { return nil }
            let versions = try archive.versions(of: article.id)
            let listed = ListedArticle(
                summary: article, versions: versions,
                row: ArticleListRow(
                    id: article.id, title: article.title, site: article.site, url: article.canonicalURL ?? article.url,
                    versionCount: article.versionCount, lastChangedAt: article.lastChangedAt, lastSummary: article.lastSummary),
                hasQuote: versions.contains { $0.counts.quoteChanges > 0 && $0.number > 1 },
                hasFigure: versions.contains { $0.counts.figureChanges > 0 && $0.number > 1 },
                hasNote: versions.contains { $0.counts.noteChanges > 0 && $0.number > 1 })
            if wantQuotes, !listed.hasQuote { return nil }
            if wantFigures, !listed.hasFigure { return nil }
            return listed
        }
    }

    static func flag(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["1", "on", "true", "yes"].contains(value)
    }

    private func listContent(query: [String: String]) throws -> ListModel {
        let rows = try filteredRows(query: query)
        let allSites = Set(try archive.articles().compactMap(\.site)).sorted()
        let chosenSite = query["site"] ?? ""
        let filtered = !(query["q"] ?? "").isEmpty || !chosenSite.isEmpty || Self.flag(query["quotes"]) || Self.flag(query["figures"])
            || Self.flag(query["today"])
        return ListModel(
            query: query["q"] ?? "",
            sites: allSites.map { ListModel.SiteOption(name: $0, selected: $0 == chosenSite) },
            quotes: Self.flag(query["quotes"]), figures: Self.flag(query["figures"]), today: Self.flag(query["today"]),
            filtered: filtered,
            countText: Formatting.count(rows.count, "article") + (filtered ? " match" + (rows.count == 1 ? "es" : "") : ""),
            rows: rows.map { listed in
                var tags: [Tag] = []
                if listed.hasQuote { tags.append(Tag(text: "quote", kind: "quote")) }
                if listed.hasFigure { tags.append(Tag(text: "figure", kind: "figure")) }
                if listed.hasNote { tags.append(Tag(text: "note", kind: "note")) }
                let changed = listed.summary.lastChangedAt ?? listed.summary.createdAt ?? .distantPast
                return ListModel.Row(
                    href: ArticleRoute.path(listed.summary.id), title: listed.summary.title ?? listed.summary.id,
                    site: listed.summary.site, versionsText: Formatting.count(listed.summary.versionCount, "version"),
                    changed: Formatting.utcMinutes(changed), changedISO: Formatting.rfc3339(changed),
                    summary: listed.summary.lastSummary ?? "", tags: tags)
            },
            emptyText: filtered ? "No article matches these filters." : "No articles yet: snapshot one with `stet snapshot URL`.")
    }

    // MARK: History

    /// Tags of a version line: first version, headline, quote, figure, note, flip-flop.
    static func tags(_ record: VersionRecord, previous: VersionRecord?) -> [Tag] {
        var tags: [Tag] = []
        guard let previous else { return [Tag(text: "first version", kind: "first")] }
        if let title = record.title, let old = previous.title, title != old { tags.append(Tag(text: "headline", kind: "headline")) }
        if record.counts.quoteChanges > 0 { tags.append(Tag(text: "quote", kind: "quote")) }
        if record.counts.figureChanges > 0 { tags.append(Tag(text: "figure", kind: "figure")) }
        if record.counts.noteChanges > 0 { tags.append(Tag(text: "note", kind: "note")) }
        if let revert = record.revertOf { tags.append(Tag(text: "flip-flop: back to v\(revert)", kind: "revert")) }
        return tags
    }

    static func countsText(_ counts: ChangeCounts) -> String? {
        var parts: [String] = []
        for (n, word) in [(counts.added, "added"), (counts.removed, "removed"), (counts.edited, "edited"), (counts.moved, "moved"),
                          (counts.split, "split"), (counts.merged, "merged")] where n > 0 {
            parts.append("\(n) \(word)")
        }
        var facets: [String] = []
        if counts.quoteChanges > 0 { facets.append(Formatting.count(counts.quoteChanges, "quote")) }
        if counts.figureChanges > 0 { facets.append(Formatting.count(counts.figureChanges, "figure")) }
        if counts.noteChanges > 0 { facets.append(Formatting.count(counts.noteChanges, "note")) }
        if counts.minor > 0 { facets.append("\(counts.minor) minor") }
        guard !parts.isEmpty || !facets.isEmpty else { return nil }
        let total = counts.added + counts.removed + counts.edited + counts.moved + counts.split + counts.merged
        let changes = total > 0 ? "\(Formatting.count(total, "change")): \(parts.joined(separator: ", "))" : ""
        return [changes, facets.joined(separator: ", ")].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    private func historyModel(_ article: ArticleSummary) throws -> HistoryModel {
        let versions = try archive.versions(of: article.id)
        let checks = try archive.checks(of: article.id)
        struct Timed { var date: Date; var order: Int; var event: HistoryModel.Event }
        var events: [Timed] = []
        for (k, record) in versions.enumerated() {
            let previous = k > 0 ? versions[k - 1] : nil
            let event = HistoryModel.Event(
                isVersion: true, isFailure: false, isRevert: record.revertOf != nil, number: record.number,
                time: Formatting.utcMinutes(record.capturedAt), timeISO: Formatting.rfc3339(record.capturedAt),
                summary: record.summary, counts: previous == nil ? nil : Self.countsText(record.counts),
                tags: Self.tags(record, previous: previous),
                versionHref: ArticleRoute.path(article.id, .version("\(record.number)")),
                diffHref: previous.map { ArticleRoute.path(article.id, .diff(from: "\($0.number)", to: "\(record.number)")) })
            events.append(Timed(date: record.capturedAt, order: 2 * k + 1, event: event))
        }
        for (k, check) in checks.enumerated() where check.outcome == .failed {
            var reason = check.error ?? "the page could not be stored"
            if let status = check.httpStatus { reason += " (HTTP \(status))" }
            let event = HistoryModel.Event(
                isVersion: false, isFailure: true, isRevert: false, number: 0, time: Formatting.utcMinutes(check.checkedAt),
                timeISO: Formatting.rfc3339(check.checkedAt), summary: reason, counts: nil, tags: [], versionHref: nil, diffHref: nil)
            events.append(Timed(date: check.checkedAt, order: 2 * k, event: event))
        }
        events.sort { ($0.date, $0.order) > ($1.date, $1.order) }
        let unchanged = checks.filter { $0.outcome == .unchanged || $0.outcome == .notModified }.count
        let failed = checks.filter { $0.outcome == .failed }.count
        let changed = checks.count - unchanged - failed
        var checksText: String?
        if !checks.isEmpty {
            checksText = "\(Formatting.count(checks.count, "check")): \(changed) changed, \(unchanged) unchanged, \(failed) failed"
                + (article.lastCheckedAt.map { " · last checked \(Formatting.utcMinutes($0))" } ?? "")
        }
        let count = versions.count
        return HistoryModel(
            title: article.title ?? article.id, id: article.id, site: article.site,
            url: Formatting.webURL(article.canonicalURL ?? article.url), versionsText: Formatting.count(count, "version"),
            checksText: checksText,
            latestDiffHref: count >= 2 ? ArticleRoute.path(article.id, .diff(from: "\(count - 1)", to: "\(count)")) : nil,
            timelineHref: ArticleRoute.path(article.id, .timeline), feedHref: ArticleRoute.path(article.id, .feed),
            apiHref: "/api" + ArticleRoute.path(article.id), noVersions: versions.isEmpty, events: events.map(\.event))
    }

    // MARK: Version with blame

    /// The shade class of a sentence introduced by version index `origin` (0-based): none for the
    /// first version, then six colors in turn.
    static func shade(_ origin: Int) -> Int { origin == 0 ? 0 : (origin - 1) % 6 + 1 }

    /// The diff between two versions, memoized by their commits.
    func diff(_ articleID: String, from: Int, to: Int) throws -> ArticleDiff {
        let old = try archive.version(of: articleID, .number(from)), new = try archive.version(of: articleID, .number(to))
        return try diffs.value(for: "\(articleID)|\(old.commit.hex)|\(new.commit.hex)") {
            try archive.diff(article: articleID, from: .number(from), to: .number(to))
        }
    }

    /// Blame over versions 1…`number`, memoized by the last version's commit.
    func blame(_ article: ArticleSummary, upTo number: Int) throws -> Blame {
        let last = try archive.version(of: article.id, .number(number))
        return try blames.value(for: "\(article.id)|\(number)|\(last.commit.hex)") {
            let documents = try (1...number).map { try archive.document(of: article.id, version: .number($0)) }
            return Blame(versions: documents)
        }
    }

    private func versionModel(_ article: ArticleSummary, selector: String) throws -> VersionModel {
        let number = try versionNumber(selector, of: article)
        let versions = try archive.versions(of: article.id)
        let stored = try archive.storedVersion(of: article.id, .number(number))
        let blame = try blame(article, upTo: number)
        let segmented = Segmenter().segment(try archive.document(of: article.id, version: .number(number)))
        let origins = blame.origins.last ?? []
        let hasBlame = origins.count == segmented.sentences.count && number > 1
        var blocks: [VersionModel.Block] = []
        for block in segmented.blocks {
            let sentences = block.sentences.map { s -> VersionModel.Sentence in
                let origin = hasBlame ? origins[s] : number - 1
                let record = versions.indices.contains(origin) ? versions[origin] : nil
                let since = "since version \(origin + 1)" + (record.map { " · \(Formatting.utcMinutes($0.capturedAt))" } ?? "")
                return VersionModel.Sentence(text: segmented.sentences[s].text, shade: hasBlame ? Self.shade(origin) : 0, origin: since)
            }
            var model = VersionModel.Block(sentences: sentences)
            switch block.role {
            case .headline: model.isHeadline = true
            case .heading: model.isHeading = true
            case .byline, .dateline: model.isMeta = true
            case .blockquote: model.isQuote = true
            case .listItem: model.isItem = true
            case .paragraph: model.isParagraph = true
            }
            blocks.append(model)
        }
        let used = Set(hasBlame ? origins : []).sorted()
        var facts: [String] = []
        if let published = stored.article.published { facts.append("published \(published)") }
        if let modified = stored.article.modified { facts.append("modified \(modified)") }
        let record = stored.record
        return VersionModel(
            articleHref: ArticleRoute.path(article.id), number: number, versionCount: versions.count,
            captured: Formatting.utcMinutes(record.capturedAt), capturedISO: Formatting.rfc3339(record.capturedAt),
            site: stored.article.siteName, facts: facts.isEmpty ? [] : [facts.joined(separator: " · ")],
            prevHref: number > 1 ? ArticleRoute.path(article.id, .version("\(number - 1)")) : nil, prevNumber: number - 1,
            nextHref: number < versions.count ? ArticleRoute.path(article.id, .version("\(number + 1)")) : nil,
            nextNumber: number + 1,
            diffHref: number > 1 ? ArticleRoute.path(article.id, .diff(from: "\(number - 1)", to: "\(number)")) : nil,
            hasBlame: hasBlame,
            legend: used.map { VersionModel.LegendItem(number: $0 + 1, shade: Self.shade($0), href: ArticleRoute.path(article.id, .version("\($0 + 1)"))) },
            blocks: blocks, url: Formatting.webURL(stored.article.canonicalURL ?? record.url))
    }

    // MARK: Timeline

    /// Quotes and figures across every version, memoized by the latest version's commit.
    func timeline(_ article: ArticleSummary) throws -> Timeline {
        guard article.versionCount > 0 else { return Timeline(versions: []) }
        let last = try archive.version(of: article.id, .number(article.versionCount))
        return try timelines.value(for: "\(article.id)|\(article.versionCount)|\(last.commit.hex)") {
            let documents = try (1...article.versionCount).map { try archive.document(of: article.id, version: .number($0)) }
            return Timeline(versions: documents)
        }
    }

    private func timelineModel(_ article: ArticleSummary) throws -> TimelineModel {
        let timeline = try timeline(article)
        let last = article.versionCount
        func entry(_ entry: Timeline.Entry) -> TimelineModel.Entry {
            let first = entry.firstVersion + 1
            let span: String
            if let removed = entry.removedIn {
                // `removedIn` is the 0-based index of the removing version: the last version
                // holding the entry is numbered `removed`.
                span = (removed == first ? "in v\(first) only" : "v\(first)–v\(removed)") + ", removed in v\(removed + 1)"
            } else {
                span = first == last ? "new in v\(first)" : "since v\(first)"
            }
            var changes: [Int: String] = [:]
            for event in entry.events { changes[event.version + 1] = event.change.rawValue }
            let removed = entry.removedIn.map { $0 + 1 }
            let cells = (1...max(1, last)).map { version -> TimelineModel.Cell in
                let state = changes[version]
                    ?? (version > first && (removed.map { version < $0 } ?? true) ? "present" : "absent")
                return TimelineModel.Cell(version: version, state: state, title: "v\(version): \(state)")
            }
            return TimelineModel.Entry(
                kind: entry.kind.rawValue, label: entry.label, span: span, gone: entry.removedIn != nil, cells: cells,
                events: entry.events.map { event in
                    TimelineModel.Event(
                        version: event.version + 1, change: event.change.rawValue, text: event.text,
                        href: event.version == 0
                            ? ArticleRoute.path(article.id, .version("1"))
                            : ArticleRoute.path(article.id, .diff(from: "\(event.version)", to: "\(event.version + 1)")))
                })
        }
        // Most recently changed first (a stable sort keeps reading order among equals).
        let ordered = timeline.entries.enumerated()
            .sorted { ($0.element.events.last?.version ?? 0, -$0.offset) > ($1.element.events.last?.version ?? 0, -$1.offset) }
            .map(\.element)
        let quotes = ordered.filter { $0.kind == .quote }.map(entry)
        let figures = ordered.filter { $0.kind == .figure }.map(entry)
        return TimelineModel(
            title: article.title ?? article.id, articleHref: ArticleRoute.path(article.id),
            versionsText: Formatting.count(last, "version"),
            groups: [
                TimelineModel.Group(heading: "Quotes", entries: quotes, emptyText: "No quotes found."),
                TimelineModel.Group(heading: "Figures", entries: figures, emptyText: "No figures found."),
            ])
    }
}

/// The JSON encoding every API document uses: sorted keys, ISO 8601 dates, pretty.
enum JSONOutputEncoder {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
