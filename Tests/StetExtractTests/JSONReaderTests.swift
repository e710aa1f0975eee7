import Foundation
import Testing
@testable import StetExtract

/// The byte-level JSON reader answers only when its answer is `JSONSerialization`'s.
@Suite("JSON reader")
struct JSONReaderTests {
    /// The one-pass markup check of JSON-LD script text answers as the three substring searches.
    @Test func markupCheckMatchesSearches() {
        var generator = SplitMix(seed: 43)
        let pieces = ["<", "!", "]", ">", "-", "<!", "]]>", "-->", "--", "]]", "{\"a\": 1}", "x", " ", "é"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 12) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let expected = text.includes("<!") || text.includes("]]>") || text.includes("-->")
            #expect(JSONLDArticle.mayHoldMarkup(text) == expected, "\(text)")
        }
    }

    /// A value as text: strings decoded, object members sorted by key.
    static func canonical(_ value: JSONValue, _ text: JSONText) -> String {
        switch value {
        case .string: return "s" + (text.text(value) ?? "?").debugDescription
        case .array(let elements): return "[" + elements.map { canonical($0, text) }.joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { String(decoding: text.bytes[$0.keyStart..<$0.keyEnd], as: UTF8.self).debugDescription + ":" + canonical($0.value, text) }
                .sorted().joined(separator: ",") + "}"
        case .other: return "o"
        }
    }

    /// Checks one text: when the reader answers, Foundation accepts the text and gives the same value.
    static func check(_ json: String) -> Bool? {
        let bytes = Array(json.utf8)
        var reader = JSONByteReader(bytes: bytes)
        let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        guard let fast = reader.document() else { return nil }
        guard let foundation else { return false }
        var strings: [UInt8] = []
        let converted = JSONValue(foundation: foundation, strings: &strings)
        return canonical(fast, JSONText(bytes: bytes, root: fast)) == canonical(converted, JSONText(bytes: strings, root: converted))
    }

    @Test func edgeCasesAgreeWithFoundation() {
        let accepted = [
            "{}", "[]", "\"x\"", "0", "-0", "1.5", "-12.25", "true", "false", "null", " \n\t{\"a\" : [1, \"b\", {\"c\": null}]}\r\n",
            #""\"\\\/\b\f\n\r\t""#, #""caf\u00e9 \u00E9""#, #""\ud83d\ude00 x""#, "\"é 日本 \u{2028}\"", #"{"@graph": [{"@type": "NewsArticle"}]}"#,
            "123456789012345", "\"\u{7F}\"",
        ]
        for json in accepted { #expect(Self.check(json) == true, "\(json)") }
        let declined = [
            "", " ", "{", "[1,]", "{\"a\":1,}", "{} x", "{}{}", "01", "1.", ".5", "1e5", "1E+5", "1234567890123456", "-", "+1", "NaN",
            "tru", "nul", #""\x""#, #""\u12""#, #""\uD83D""#, #""\uDE00""#, #""\uD83D\u0041""#, #""\u0000""#, "\"a\tb\"", "\"a\nb\"",
            "\u{FEFF}{}", #"{"\u0068eadline": "x"}"#, #"{"headline": "a", "headline": "b"}"#, "{'a': 1}", "[1 2]", "{\"a\" 1}",
            String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        ]
        for json in declined { #expect(Self.check(json) == nil, "\(json)") }
    }

    /// Generated JSON-LD-like documents with escapes, non-ASCII text, numbers and nesting.
    @Test func generatedDocumentsAgreeWithFoundation() {
        var generator = SplitMix(seed: 5)
        let keys = ["@type", "headline", "name", "author", "@graph", "mainEntity", "articleBody", "url", "x", "datePublished", "é"]
        let pieces = ["a", " ", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\u2014", "\\ud83d\\ude00", "é", "日本", "\\t", "News", "<b>", "\u{2028}"]
        func string() -> String {
            "\"" + (0..<Int(generator.next() % 6)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined() + "\""
        }
        func value(_ depth: Int) -> String {
            switch generator.next() % (depth > 3 ? 3 : 6) {
            case 0: return string()
            case 1: return ["0", "-1", "2.5", "true", "false", "null", "1e3", "12345678901234567"][Int(generator.next() % 8)]
            case 2: return string()
            case 3: return "[" + (0..<Int(generator.next() % 4)).map { _ in value(depth + 1) }.joined(separator: ", ") + "]"
            default:
                var used = Set<String>()
                var members: [String] = []
                for _ in 0..<Int(generator.next() % 5) {
                    let key = keys[Int(generator.next() % UInt64(keys.count))]
                    if used.insert(key).inserted { members.append("\"\(key)\": " + value(depth + 1)) }
                }
                return "{" + members.joined(separator: ",\n") + "}"
            }
        }
        var answered = 0
        for _ in 0..<2000 {
            let json = value(0)
            let result = Self.check(json)
            #expect(result != false, "\(json)")
            if result == true { answered += 1 }
        }
        #expect(answered > 500)
    }

    @Test func articleFieldsFromEscapedAndNestedJSON() throws {
        let script = #"""
        {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Site"},
         {"@type": ["NewsArticle"], "headline": "Caf\u00e9 \"news\"", "author": [{"name": "Ana  Li"}, {"name": ["Bo"]}, "https://x"],
          "datePublished": "2024-01-02", "articleBody": " One.\nTwo \ud83d\ude00 ", "mainEntityOfPage": {"@id": "https://e.com/a"}}]}
        """#
        let article = try #require(JSONLDArticle.read([script]))
        #expect(article.headline == "Café \"news\"")
        #expect(article.authors == ["Ana Li", "Bo"])
        #expect(article.datePublished == "2024-01-02")
        #expect(article.articleBody == "One.\nTwo 😀")
        #expect(article.url == "https://e.com/a")
        #expect(article.publisher == "Site")
        // Declined by the reader (an exponent), read through Foundation: the same fields.
        let viaFoundation = try #require(JSONLDArticle.read([script.replacingOccurrences(of: "\"@context\"", with: "\"n\": 1e2, \"@context\"")]))
        #expect(viaFoundation.headline == article.headline && viaFoundation.authors == article.authors && viaFoundation.url == article.url)
    }
}
