// Reads schema.org JSON-LD blocks (`<script type="application/ld+json">`): the article node's
// headline, authors, dates, publisher and articleBody.
//
// A page may hold several blocks, arrays, and `@graph` lists; every object is visited with an
// explicit stack. The article node is the first whose `@type` names an article kind
// (`NewsArticle`, `Article`, `BlogPosting`, `ReportageNewsArticle`, …); `WebPage` and others
// only give a name or publisher when nothing better exists.
//
// Complexity: O(size of the JSON).

import Foundation

struct JSONLDArticle {
    var headline: String?
    var authors: [String] = []
    var datePublished: String?
    var dateModified: String?
    var publisher: String?
    var articleBody: String?
    var url: String?
    var language: String?

    private static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "techarticle", "socialmediaposting", "liveblogposting",
        "posting", "report", "review", "satiricalarticle", "medicalscholarlyarticle", "advertisercontentarticle", "askpublicnewsarticle",
    ]

    /// Parses every JSON-LD script text and merges the article node(s).
    static func read(_ scripts: [String]) -> JSONLDArticle? {
        var objects: [[String: Any]] = []
        for script in scripts {
            var cleaned = script
            if cleaned.includes("<!") || cleaned.includes("]]>") || cleaned.includes("-->") {
                for token in ["<!--", "-->", "<![CDATA[", "]]>"] { cleaned = removing(token, from: cleaned) }
            }
            guard let data = cleaned.data(using: .utf8),
                  let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            var stack: [Any] = [value]
            while let next = stack.popLast() {
                if let array = next as? [Any] {
                    stack.append(contentsOf: array.reversed())
                } else if let object = next as? [String: Any] {
                    objects.append(object)
                    if let graph = object["@graph"] { stack.append(graph) }
                    if let main = object["mainEntity"] { stack.append(main) }
                }
            }
        }
        guard !objects.isEmpty else { return nil }
        let articles = objects.filter { types(of: $0).contains(where: articleTypes.contains) }
        var result = JSONLDArticle()
        for object in articles {
            if result.headline == nil { result.headline = string(object["headline"]) ?? string(object["name"]) }
            if result.authors.isEmpty { result.authors = names(object["author"]) }
            if result.datePublished == nil { result.datePublished = string(object["datePublished"]) ?? string(object["dateCreated"]) }
            if result.dateModified == nil { result.dateModified = string(object["dateModified"]) }
            if result.publisher == nil { result.publisher = names(object["publisher"]).first }
            if result.articleBody == nil {
                // Kept raw: its line breaks are the only paragraph structure it has.
                let body = (object["articleBody"] as? String ?? object["text"] as? String).map(trimmingWhitespace)
                if let body, !body.isEmpty { result.articleBody = body }
            }
            if result.url == nil { result.url = string(object["url"]) ?? string(object["mainEntityOfPage"]) }
            if result.language == nil { result.language = string(object["inLanguage"]) }
        }
        if result.publisher == nil {
            for object in objects where types(of: object).contains(where: { $0 == "website" || $0 == "organization" || $0 == "newsmediaorganization" }) {
                if let name = string(object["name"]) { result.publisher = name; break }
            }
        }
        if articles.isEmpty && result.publisher == nil { return nil }
        return result
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, testing only the scalars at the
    /// ends (Foundation bridges the whole text first, which costs milliseconds on long bodies).
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let set = CharacterSet.whitespacesAndNewlines
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, set.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// `text.replacingOccurrences(of: token, with: "")` on UTF-8 bytes: occurrences are found
    /// left to right without overlap, and the result is not searched again. (Foundation matched
    /// by characters, which differs only when a combining mark follows one of these markers.)
    static func removing(_ token: String, from text: String) -> String {
        let pattern = Array(token.utf8)
        guard let first = pattern.first else { return text }
        return text.withBytes { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            let n = bytes.count, m = pattern.count
            while i < n {
                if bytes[i] == first && n - i >= m && bytes[(i + 1)..<(i + m)].elementsEqual(pattern[1...]) {
                    i += m
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type.lowercased()] }
        if let types = object["@type"] as? [Any] { return types.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String {
            let collapsed = Whitespace.collapse(text)
            return collapsed.isEmpty ? nil : collapsed
        }
        if let object = value as? [String: Any] { return string(object["@id"]) ?? string(object["@value"]) }
        if let array = value as? [Any], let first = array.first { return string(first) }
        return nil
    }

    /// Person or organization names: strings, objects with `name`, or arrays of either.
    private static func names(_ value: Any?) -> [String] {
        if let text = value as? String {
            let collapsed = Whitespace.collapse(text)
            return collapsed.isEmpty || collapsed.hasPrefix("http") ? [] : [collapsed]
        }
        if let object = value as? [String: Any] {
            if let name = object["name"] as? String { return names(name) }
            if let name = object["name"] as? [Any] { return names(name) }
            return []
        }
        if let array = value as? [Any] {
            var all: [String] = []
            for element in array { for name in names(element) where !all.contains(name) { all.append(name) } }
            return all
        }
        return []
    }
}
