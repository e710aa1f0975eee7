// Reads an article's metadata from the page head, JSON-LD and visible markup.
//
// Each field takes the first source that has it, strongest first:
// - title: og:title, JSON-LD headline (when `<title>` or `<h1>` contains it), twitter:title, Dublin
//   Core, `<title>`, the first `<h1>`; a trailing
//   (or leading) " | Site" / " - Site" part is cut when it names the site or host, or when the
//   title came from `<title>` and the part is short;
// - byline: JSON-LD author names, meta author (and parsely/sailthru/dc variants), rel=author
//   links, itemprop=author, then elements whose class names a byline; "By " is dropped;
// - published / modified: JSON-LD, article:published_time / modified_time and friends,
//   itemprop dates, the first `<time datetime>`; normalized by `DateNormalizer`;
// - canonical URL: `<link rel=canonical>`, og:url, JSON-LD url, resolved against the page URL;
// - site name: og:site_name, JSON-LD publisher, application-name;
// - language: `<html lang>`, content-language, og:locale, JSON-LD inLanguage.
//
// Complexity: O(n) over the DOM (one walk collects every `<meta>`, `<link>` and hint element).

import Foundation

struct PageMetadata {
    var title: String?
    var byline: String?
    var published: String?
    var modified: String?
    var canonicalURL: String?
    var siteName: String?
    var language: String?
    /// The page says it is one article (`og:type` article).
    var isArticle = false
}

enum MetadataReader {
    static func read(_ dom: DOM, jsonLD: JSONLDArticle?, url: String?) -> PageMetadata {
        var meta: [String: String] = [:]
        var canonical: String?
        var relAuthor: String?
        var itempropAuthor: String?
        var bylineElement: String?
        var titleElement: String?
        var firstH1: String?
        var firstTime: String?
        var itempropPublished: String?
        var itempropModified: String?
        var htmlLang: String?
        dom.forEachDescendant(DOM.root) { i in
            guard dom.isElement(i) else { return }
            let tag = dom.id(i)
            if dom.nodes[i].flags.contains(.metadata) {
                switch tag {
                case .meta:
                    let key = (dom.attribute("property", of: i) ?? dom.attribute("name", of: i) ?? dom.attribute("http-equiv", of: i) ?? dom.attribute("itemprop", of: i)).map(DOM.lowercased) ?? ""
                    if let content = dom.attribute("content", of: i).map(Whitespace.collapse), !key.isEmpty, !content.isEmpty, meta[key] == nil {
                        meta[key] = content
                    }
                case .link:
                    let rel = dom.attribute("rel", of: i).map(DOM.lowercased) ?? ""
                    if canonical == nil, Pruner.hasToken(rel, [Array("canonical".utf8)]) { canonical = dom.attribute("href", of: i) }
                case .title:
                    if titleElement == nil, dom.closest(i, [.svg]) == nil { titleElement = dom.text(i) }
                case .h1:
                    if firstH1 == nil { firstH1 = dom.text(i) }
                case .time:
                    if firstTime == nil { firstTime = dom.attribute("datetime", of: i) }
                case .html:
                    if htmlLang == nil { htmlLang = dom.attribute("lang", of: i) ?? dom.attribute("xml:lang", of: i) }
                default:
                    break
                }
            }
            if let itempropValue = dom.attribute("itemprop", of: i), case let itemprop = DOM.lowercased(itempropValue), !itemprop.isEmpty {
                let value = dom.attribute("content", of: i) ?? dom.attribute("datetime", of: i)
                if itemprop == "datepublished", itempropPublished == nil { itempropPublished = value ?? dom.text(i) }
                if itemprop == "datemodified", itempropModified == nil { itempropModified = value ?? dom.text(i) }
                if itemprop == "author", itempropAuthor == nil, tag != .meta {
                    let nameNode = dom.descendants(i).first { dom.attribute("itemprop", of: $0).map(DOM.lowercased) == "name" }
                    let text = nameNode.map { dom.attribute("content", of: $0) ?? dom.text($0) } ?? dom.text(i)
                    if !text.isEmpty, text.count < 100 { itempropAuthor = text }
                }
            }
            if tag == .a, relAuthor == nil, let rel = dom.attribute("rel", of: i), Pruner.hasToken(DOM.lowercased(rel), [Array("author".utf8)]) {
                let text = dom.text(i)
                if !text.isEmpty, text.count < 100 { relAuthor = text }
            }
            if bylineElement == nil, case let hint = dom.classAndID(i), !hint.isEmpty, tag != .meta, tag != .body, tag != .html {
                if Hints.containsAny(hint, bylineHints) {
                    let text = dom.text(i)
                    if !text.isEmpty, text.count < 100 { bylineElement = text }
                }
            }
        }

        var result = PageMetadata()
        result.isArticle = meta["og:type"]?.lowercased() == "article"
        result.siteName = meta["og:site_name"] ?? jsonLD?.publisher ?? meta["application-name"]

        // Title.
        let host = url.flatMap { URL(string: $0)?.host }
        // The first source wins. A JSON-LD headline that neither <title> nor <h1> contains is a
        // description (as on wikis), not the headline.
        let titleKey = titleElement.map(ContentFinder.comparable) ?? ""
        let h1Key = firstH1.map(ContentFinder.comparable) ?? ""
        let headline = jsonLD?.headline.flatMap { value -> String? in
            let key = ContentFinder.comparable(value)
            if titleKey.isEmpty && h1Key.isEmpty { return value }
            return titleKey.includes(key) || h1Key.includes(key) ? value : nil
        }
        if let value = [meta["og:title"], headline, meta["twitter:title"], meta["dc.title"], meta["dcterms.title"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            result.title = cleanTitle(value, siteName: result.siteName, host: host, fromTitleElement: false, h1: firstH1)
        } else if let titleElement, !titleElement.isEmpty {
            result.title = cleanTitle(titleElement, siteName: result.siteName, host: host, fromTitleElement: true, h1: firstH1)
        } else if let firstH1, !firstH1.isEmpty {
            result.title = firstH1
        }

        // Byline.
        var byline: String?
        if let authors = jsonLD?.authors, !authors.isEmpty {
            byline = authors.joined(separator: ", ")
        } else {
            for key in ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "twitter:creator"] {
                if let value = meta[key], !value.hasPrefix("http"), !value.hasPrefix("@") || key != "twitter:creator" {
                    byline = value
                    break
                }
            }
        }
        byline = byline ?? relAuthor ?? itempropAuthor ?? bylineElement
        result.byline = byline.map(cleanByline).flatMap { $0.isEmpty ? nil : $0 }

        // Dates.
        let publishedCandidates = [jsonLD?.datePublished, meta["article:published_time"], meta["og:published_time"], meta["published_time"],
                                   itempropPublished, meta["datepublished"], meta["pubdate"], meta["publish-date"], meta["publishdate"],
                                   meta["parsely-pub-date"], meta["sailthru.date"], meta["dc.date"], meta["dc.date.issued"], meta["dcterms.date"],
                                   meta["date"], firstTime]
        result.published = publishedCandidates.lazy.compactMap { $0.flatMap(DateNormalizer.normalize) }.first
        let modifiedCandidates = [jsonLD?.dateModified, meta["article:modified_time"], meta["og:updated_time"], meta["modified_time"],
                                  itempropModified, meta["datemodified"], meta["last-modified"], meta["dcterms.modified"]]
        result.modified = modifiedCandidates.lazy.compactMap { $0.flatMap(DateNormalizer.normalize) }.first

        // Canonical URL.
        if let raw = canonical ?? meta["og:url"] ?? jsonLD?.url, !raw.isEmpty {
            if let base = url.flatMap({ URL(string: $0) }), let resolved = URL(string: raw, relativeTo: base) {
                result.canonicalURL = resolved.absoluteString
            } else {
                result.canonicalURL = raw
            }
        }

        // Language.
        let language = htmlLang ?? meta["content-language"] ?? meta["og:locale"]?.replacingOccurrences(of: "_", with: "-") ?? jsonLD?.language
        result.language = language.map { Whitespace.collapse($0) }.flatMap { $0.isEmpty ? nil : $0 }
        return result
    }

    /// Class or id fragments of an element holding the byline.
    static let bylineHints = FragmentSet([
        "byline", "author-name", "authorname", "author_name", "author-link", "article-author", "post-author", "entry-author", "story-author",
    ])

    private static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " // ", " » ", " « ", " • ", " ~ "]

    /// Cuts a site-name part off a title.
    static func cleanTitle(_ raw: String, siteName: String?, host: String?, fromTitleElement: Bool, h1: String?) -> String {
        let title = Whitespace.collapse(raw)
        if let h1, ContentFinder.comparable(h1) == ContentFinder.comparable(title) { return title }
        let site = siteName.map(ContentFinder.comparable) ?? ""
        let hostName = host.map { ContentFinder.comparable($0.replacingOccurrences(of: "www.", with: "")) } ?? ""
        func namesSite(_ part: String) -> Bool {
            let c = ContentFinder.comparable(part)
            guard !c.isEmpty else { return false }
            if !site.isEmpty && (c == site || site.includes(c) || c.includes(site)) { return true }
            if !hostName.isEmpty && (hostName.includes(c) || c.includes(hostName.replacingOccurrences(of: "com", with: ""))) { return true }
            return false
        }
        for separator in separators {
            // A byte scan first: Foundation's range(of:) is costly, and most separators are absent.
            guard title.includes(separator), let last = title.range(of: separator, options: .backwards) else { continue }
            let head = String(title[..<last.lowerBound])
            let tail = String(title[last.upperBound...])
            if namesSite(tail) { return head }
            if let h1, ContentFinder.comparable(h1) == ContentFinder.comparable(head) { return head }
            if fromTitleElement, tail.split(separator: " ").count <= 3, head.split(separator: " ").count >= 3 { return head }
            if let first = title.range(of: separator) {
                let lead = String(title[..<first.lowerBound])
                let rest = String(title[first.upperBound...])
                if namesSite(lead), lead.count < rest.count { return rest }
            }
        }
        return title
    }

    static func cleanByline(_ raw: String) -> String {
        var text = Whitespace.collapse(raw)
        let lowered = text.lowercased()
        for prefix in ["by ", "by: ", "von ", "par ", "por ", "di ", "written by ", "posted by "] where lowered.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
            break
        }
        return trimmingBylineSeparators(text)
    }

    /// `text.trimmingCharacters(in: CharacterSet(charactersIn: " ,|-–—"))` on scalars, without
    /// building a character set and bridging to `NSString` for every byline.
    static func trimmingBylineSeparators(_ text: String) -> String {
        func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x20, 0x2C, 0x7C, 0x2D, 0x2013, 0x2014: true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSeparator($0) }), let last = scalars.lastIndex(where: { !isSeparator($0) }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }
}
