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

    /// `text.includes("<!") || text.includes("]]>") || text.includes("-->")` in one pass over
    /// the bytes (three searches read a long script three times).
    static func mayHoldMarkup(_ text: String) -> Bool {
        text.withBytes { bytes in
            let n = bytes.count
            var i = 0
            while i + 1 < n {
                switch bytes[i] {
                case 0x3C: if bytes[i + 1] == 0x21 { return true }
                case 0x5D: if i + 2 < n && bytes[i + 1] == 0x5D && bytes[i + 2] == 0x3E { return true }
                case 0x2D: if i + 2 < n && bytes[i + 1] == 0x2D && bytes[i + 2] == 0x3E { return true }
                default: break
                }
                i += 1
            }
            return false
        }
    }

    /// Parses every JSON-LD script text and merges the article node(s).
    static func read(_ scripts: [String]) -> JSONLDArticle? {
        // Each object with the text its strings are in.
        var objects: [(text: Int, members: [JSONMember])] = []
        var texts: [JSONText] = []
        for script in scripts {
            var cleaned = script
            if mayHoldMarkup(cleaned) {
                for token in ["<!--", "-->", "<![CDATA[", "]]>"] { cleaned = removing(token, from: cleaned) }
            }
            guard let text = JSONText.parse(cleaned) else { continue }
            let index = texts.count
            texts.append(text)
            var stack: [JSONValue] = [text.root]
            while let next = stack.popLast() {
                switch next {
                case .array(let array):
                    stack.append(contentsOf: array.reversed())
                case .object(let members):
                    objects.append((index, members))
                    if let graph = text.value(members, Key.graph) { stack.append(graph) }
                    if let main = text.value(members, Key.mainEntity) { stack.append(main) }
                default:
                    break
                }
            }
        }
        guard !objects.isEmpty else { return nil }
        let articles = objects.filter { types(of: $0.members, in: texts[$0.text]).contains(where: articleTypes.contains) }
        var result = JSONLDArticle()
        for (index, object) in articles {
            let text = texts[index]
            func value(_ key: [UInt8]) -> JSONValue? { text.value(object, key) }
            if result.headline == nil { result.headline = string(value(Key.headline), in: text) ?? string(value(Key.name), in: text) }
            if result.authors.isEmpty { result.authors = names(value(Key.author), in: text) }
            if result.datePublished == nil {
                result.datePublished = string(value(Key.datePublished), in: text) ?? string(value(Key.dateCreated), in: text)
            }
            if result.dateModified == nil { result.dateModified = string(value(Key.dateModified), in: text) }
            if result.publisher == nil { result.publisher = names(value(Key.publisher), in: text).first }
            if result.articleBody == nil {
                // Kept raw: its line breaks are the only paragraph structure it has.
                let body = (text.text(value(Key.articleBody)) ?? text.text(value(Key.text))).map(trimmingWhitespace)
                if let body, !body.isEmpty { result.articleBody = body }
            }
            if result.url == nil { result.url = string(value(Key.url), in: text) ?? string(value(Key.mainEntityOfPage), in: text) }
            if result.language == nil { result.language = string(value(Key.inLanguage), in: text) }
        }
        if result.publisher == nil {
            for (index, object) in objects {
                let text = texts[index]
                guard types(of: object, in: text).contains(where: { $0 == "website" || $0 == "organization" || $0 == "newsmediaorganization" }) else {
                    continue
                }
                if let name = string(text.value(object, Key.name), in: text) { result.publisher = name; break }
            }
        }
        if articles.isEmpty && result.publisher == nil { return nil }
        return result
    }

    /// The keys read, as bytes (`JSONText.readKeys` lists them for the reader's duplicate check).
    private enum Key {
        static let graph = Array("@graph".utf8)
        static let mainEntity = Array("mainEntity".utf8)
        static let type = Array("@type".utf8)
        static let headline = Array("headline".utf8)
        static let name = Array("name".utf8)
        static let author = Array("author".utf8)
        static let datePublished = Array("datePublished".utf8)
        static let dateCreated = Array("dateCreated".utf8)
        static let dateModified = Array("dateModified".utf8)
        static let publisher = Array("publisher".utf8)
        static let articleBody = Array("articleBody".utf8)
        static let text = Array("text".utf8)
        static let url = Array("url".utf8)
        static let mainEntityOfPage = Array("mainEntityOfPage".utf8)
        static let inLanguage = Array("inLanguage".utf8)
        static let id = Array("@id".utf8)
        static let value = Array("@value".utf8)
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

    private static func types(of object: [JSONMember], in text: JSONText) -> [String] {
        switch text.value(object, Key.type) {
        case .string?: return [text.text(text.value(object, Key.type))?.lowercased() ?? ""]
        case .array(let types)?: return types.compactMap { text.text($0)?.lowercased() }
        default: return []
        }
    }

    private static func string(_ value: JSONValue?, in text: JSONText) -> String? {
        switch value {
        case .string?:
            let collapsed = Whitespace.collapse(text.text(value) ?? "")
            return collapsed.isEmpty ? nil : collapsed
        case .object(let object)?:
            return string(text.value(object, Key.id), in: text) ?? string(text.value(object, Key.value), in: text)
        case .array(let array)?:
            guard let first = array.first else { return nil }
            return string(first, in: text)
        default:
            return nil
        }
    }

    /// Person or organization names: strings, objects with `name`, or arrays of either.
    private static func names(_ value: JSONValue?, in text: JSONText) -> [String] {
        switch value {
        case .string?:
            let collapsed = Whitespace.collapse(text.text(value) ?? "")
            return collapsed.isEmpty || collapsed.hasPrefix("http") ? [] : [collapsed]
        case .object(let object)?:
            switch text.value(object, Key.name) {
            case let name? where isStringOrArray(name): return names(name, in: text)
            default: return []
            }
        case .array(let array)?:
            var all: [String] = []
            for element in array { for name in names(element, in: text) where !all.contains(name) { all.append(name) } }
            return all
        default:
            return []
        }
    }

    private static func isStringOrArray(_ value: JSONValue) -> Bool {
        switch value {
        case .string, .array: return true
        default: return false
        }
    }
}
