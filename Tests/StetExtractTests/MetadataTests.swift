import Testing
@testable import StetExtract

@Suite("Metadata")
struct MetadataTests {
    private func page(head: String, body: String = "") -> String {
        "<html><head>\(head)</head><body>\(body)<article><p>\(prose("plan"))</p><p>\(prose("cost"))</p></article></body></html>"
    }

    @Test func titleSuffixIsCut() throws {
        #expect(try extract(page(head: "<title>Council Approves New Budget | The Gazette</title><meta property=\"og:site_name\" content=\"The Gazette\">")).title == "Council Approves New Budget")
        #expect(try extract(page(head: "<title>Council Approves New Budget - Gazette</title>")).title == "Council Approves New Budget")
        #expect(try extract(page(head: "<meta property=\"og:title\" content=\"Storm Hits Coast – Herald\"><meta property=\"og:site_name\" content=\"Herald\">")).title == "Storm Hits Coast")
        // A dash inside a real title stays.
        #expect(try extract(page(head: "<meta property=\"og:title\" content=\"Trump - Biden debate draws record audience\">")).title == "Trump - Biden debate draws record audience")
    }

    @Test func bylineSources() throws {
        #expect(try extract(page(head: "<meta name=\"author\" content=\"By Sam Lee\">")).byline == "Sam Lee")
        #expect(try extract(page(head: "", body: "<span class=\"byline\">By Ana Ruiz</span>")).byline == "Ana Ruiz")
        #expect(try extract(page(head: "", body: "<a rel=\"author\" href=\"/ana\">Ana Ruiz</a>")).byline == "Ana Ruiz")
        let jsonLD = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[{\"name\":\"A One\"},{\"name\":\"B Two\"}]}</script>"
        #expect(try extract(page(head: jsonLD)).byline == "A One, B Two")
    }

    @Test func datesAreNormalized() {
        #expect(DateNormalizer.normalize("2024-01-02T10:20:00-0500") == "2024-01-02T10:20:00-05:00")
        #expect(DateNormalizer.normalize("2024-01-02T10:20:00.123Z") == "2024-01-02T10:20:00Z")
        #expect(DateNormalizer.normalize("2024-01-02 10:20") == "2024-01-02T10:20:00Z")
        #expect(DateNormalizer.normalize("2024-01-02") == "2024-01-02")
        #expect(DateNormalizer.normalize("Tue, 02 Jan 2024 10:20:00 GMT") == "2024-01-02T10:20:00Z")
        #expect(DateNormalizer.normalize("Tue, 02 Jan 2024 10:20:00 +0100") == "2024-01-02T10:20:00+01:00")
        #expect(DateNormalizer.normalize("yesterday") == nil)
        #expect(DateNormalizer.normalize("2024-13-40") == nil)
    }

    @Test func publishedModifiedCanonicalLanguage() throws {
        let head = """
        <meta property="article:published_time" content="2023-05-06T07:08:09+02:00">
        <meta property="article:modified_time" content="2023-05-07T00:00:00Z">
        <link rel="canonical" href="/news/story-1">
        """
        let html = "<html lang=\"de-DE\"><head>\(head)</head><body><article><p>\(prose("Rat"))</p></article></body></html>"
        let article = try extract(html, url: "https://www.example.de/x?y=1")
        #expect(article.published == "2023-05-06T07:08:09+02:00")
        #expect(article.modified == "2023-05-07T00:00:00Z")
        #expect(article.canonicalURL == "https://www.example.de/news/story-1")
        #expect(article.language == "de-DE")
    }

    @Test func timeElementIsTheLastResort() throws {
        let html = "<html><body><article><time datetime=\"2022-02-03T04:05:06Z\">Feb 3</time><p>\(prose("law"))</p></article></body></html>"
        #expect(try extract(html).published == "2022-02-03T04:05:06Z")
    }
}

/// `DateNormalizer.commonISO8601` (bytes) must agree with `iso8601` (characters) wherever it answers.
@Suite("Common ISO 8601 dates")
struct CommonISO8601Tests {
    @Test func agreesWithTheGeneralReader() {
        var samples = [
            "2024-01-02", "2024-01-02T10:20", "2024-01-02T10:20:30", "2024-01-02T10:20:30Z", "2024-01-02T10:20:30z", "2024-01-02T10:20:30.123Z",
            "2024-01-02T10:20:30+05:00", "2024-01-02T10:20:30-0500", "2024-01-02T10:20:30+00:00", "2024-01-02T10:20+02", "2024-01-02T23:59:60Z",
            "2024-13-02", "2024-01-32T10:20", "0999-01-02", "3000-01-02", "2024-01-02T24:00", "2024-01-02T10:60", "2024-01-02T10:20:61",
            "2024-01-02T10:20:30+15:00", "2024-01-02T10:20:30+05:60", "2024-01-02T10:20:30.Z", "2024-01-02T10:20:30 GMT", "2024-01-02 10:20",
            "2024-01-02T", "2024-01-02T10", "2024-01-02T10:2", "2024-1-02", "2024/01/02", "20240102", "2024-01-02T10:20:30.5+05",
        ]
        var generator = SplitMix(seed: 3)
        let pieces = ["2", "0", "1", "9", "-", ":", "T", "Z", "z", "+", ".", " ", "5", "3", "6", "4", "a"]
        for _ in 0..<5000 {
            var text = ["2024-01-02", "2019-12-31", "1999-06-15"][Int(generator.next() % 3)]
            for _ in 0..<Int(generator.next() % 16) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            samples.append(text)
        }
        var answered = 0
        for sample in samples {
            guard let fast = DateNormalizer.commonISO8601(sample) else { continue }
            answered += 1
            #expect(fast == DateNormalizer.iso8601(sample), "\(sample)")
        }
        #expect(answered > 100)
    }
}
