import Testing
@testable import StetExtract

@Suite("Charset detection")
struct CharsetTests {
    private func page(body: String, meta: String = "") -> String {
        "<html><head>\(meta)<title>T</title></head><body><article><p>\(body) \(prose("budget"))</p><p>\(prose("treaty"))</p></article></body></html>"
    }

    @Test func latin1Declared() throws {
        var bytes = Array(page(body: "Caf\u{1}", meta: "<meta charset=\"iso-8859-1\">").utf8)
        // Replace the marker byte with Latin-1 é (0xE9), which is invalid UTF-8 on its own.
        bytes = bytes.map { $0 == 0x01 ? 0xE9 : $0 }
        let article = try Extractor().extract(html: bytes)
        #expect(article.text.contains("Café"))
    }

    @Test func windows1252Undeclared() throws {
        var bytes = Array(page(body: "\u{2}quoted\u{3} and \u{4}").utf8)
        bytes = bytes.map { $0 == 0x02 ? 0x93 : $0 == 0x03 ? 0x94 : $0 == 0x04 ? 0x80 : $0 }
        let article = try Extractor().extract(html: bytes)
        #expect(article.text.contains("\u{201C}quoted\u{201D} and €"))
    }

    @Test func shiftJISUndeclaredDecodesSensibly() throws {
        // 日本語のニュースです。 in Shift_JIS, repeated so the page has enough text.
        let sentence: [UInt8] = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x82, 0xCC, 0x83, 0x6A, 0x83, 0x85, 0x81, 0x5B, 0x83, 0x58, 0x82, 0xC5, 0x82, 0xB7, 0x81, 0x42]
        var bytes = Array("<html><body><article><p>".utf8)
        for _ in 0..<20 { bytes += sentence }
        bytes += Array("</p></article></body></html>".utf8)
        let article = try Extractor().extract(html: bytes)
        #expect(article.text.contains("日本語のニュースです。"))
    }

    @Test func lyingDeclarationPrefersValidUTF8() throws {
        let html = page(body: "Zoë Brontë’s café", meta: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">")
        let article = try extract(html)
        #expect(article.text.contains("Zoë Brontë’s café"))
    }

    @Test func headerCharsetWinsOverMeta() throws {
        var bytes = Array(page(body: "na\u{1}ve", meta: "<meta charset=\"utf-8\">").utf8)
        bytes = bytes.map { $0 == 0x01 ? 0xEF : $0 }
        let article = try Extractor().extract(html: bytes, contentType: "text/html; charset=windows-1252")
        #expect(article.text.contains("naïve"))
    }

    @Test func declaredCharsetParsing() {
        #expect(Charset.charsetParameter("text/html; charset=\"Shift_JIS\"") == "Shift_JIS")
        #expect(Charset.charsetParameter("text/html") == nil)
        #expect(Charset.metaCharset(Array("<head><meta charset='koi8-r'></head>".utf8)) == "koi8-r")
        #expect(Charset.canonicalName("latin1") == "WINDOWS-1252")
    }

    @Test func utf16WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in page(body: "Grüße").utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try Extractor().extract(html: bytes).text.contains("Grüße"))
    }

    @Test func bomIsHonoured() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(page(body: "Ünïcode").utf8)
        #expect(try Extractor().extract(html: bytes).text.contains("Ünïcode"))
    }
}
