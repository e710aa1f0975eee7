// Word lists that tell content from page furniture, in the style of Readability and
// trafilatura: class/id fragments, tag sets, and the phrases that open boilerplate sections.
// They are general (no site or page names) and matched as lowercase substrings or prefixes.

enum Hints {
    /// Dropped before anything else: they never hold article text.
    static let junkTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "button", "select",
        "input", "textarea", "option", "link", "meta", "head", "dialog", "video", "audio", "map", "applet", "frame", "frameset",
        "nav", "aside", "menu", "label",
    ]

    /// Elements whose end starts a new block of text.
    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
        "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "dl", "dt", "dd", "figure", "figcaption", "header",
        "footer", "form", "fieldset", "address", "hr", "center", "details", "summary", "body", "html", "legend", "hgroup",
    ]

    static let headingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// Readability's "unlikely candidate" fragments, plus common promo and furniture names.
    static let unlikely = FragmentSet([
        "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
        "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
        "supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "newsletter", "subscribe", "subscription",
        "promo", "outbrain", "taboola", "most-read", "mostread", "most-popular", "trending", "recommend", "author-bio", "authorbio",
        "about-author", "about-the-author", "author-box", "signup", "sign-up", "cookie", "consent", "share", "sharing", "toolbar",
        "paywall", "no-print", "noprint", "notforprint", "not-for-print", "print-none", "hidden-print", "read-more", "readmore", "more-stories", "tags", "widget", "masthead", "copyright",
    ])

    /// Furniture names that no content word rescues (WordPress and CMS post furniture).
    static let strongUnlikely = FragmentSet([
        "entry-utility", "entry-meta", "entry-footer", "post-meta", "postmeta", "post-footer", "postmetadata", "post-tags",
        "post-categories", "post-navigation", "nav-links", "comment-respond", "comments-area", "author-bio", "about-author",
        "related", "share-buttons", "sharedaddy", "social-share", "newsletter-signup",
    ])

    /// Fragments that rescue an element from `unlikely`.
    /// Embedded posts (tweets, Instagram) quoted by the story are content too.
    static let maybe = FragmentSet(["and", "article", "body", "column", "content", "main", "shadow", "story", "entry", "post-", "embed", "tweet"])

    /// Readability's class weights.
    static let positive = FragmentSet(["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story"])
    static let negative = FragmentSet([
        "-ad-", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media", "meta", "outbrain",
        "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "byline",
        "author", "caption", "newsletter", "subscribe", "social", "recommend", "breadcrumb", "copyright", "disclaimer",
    ])

    /// ARIA roles of furniture.
    static let unlikelyRoles: Set<String> = ["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner", "contentinfo", "search"]

    /// Headings that open a furniture section at the end of an article (matched as prefixes).
    static let tailHeadings = [
        "related", "about the author", "about the writer", "about the reporter", "more from", "more on", "most read", "most popular",
        "read more", "read next", "recommended", "you may also like", "you might also like", "popular", "trending", "newsletter",
        "comments", "share this", "leave a reply", "leave a comment", "further reading", "more stories", "latest news", "top stories",
        "sign up", "subscribe", "follow us", "tags", "uncommon knowledge", "editor's picks", "editors' picks", "what to read next",
        "also read", "related articles", "related stories", "related posts", "more in", "advertisement",
        // German, French, Spanish, Italian, Portuguese equivalents.
        "auch interessant", "mehr zum thema", "das könnte sie auch interessieren", "weitere artikel", "lesen sie auch", "ähnliche artikel",
        "kommentare", "meistgelesen", "verwandte artikel", "lire aussi", "à lire aussi", "sur le même sujet", "articles similaires",
        "noticias relacionadas", "te puede interesar", "artículos relacionados", "leggi anche", "articoli correlati", "leia também",
        "veja também", "comentários", "commentaires", "comentarios", "commenti",
    ]

    /// Short blocks that are furniture wherever they stand (matched as prefixes, lowercase).
    static let junkLinePrefixes = [
        "advertisement", "share this", "share on", "share:", "follow us", "sign up for", "subscribe to", "click here to subscribe",
        "read more:", "related:", "related articles", "related stories", "you may also like", "recommended for you", "skip to",
        "this article is", "to read how", "loading", "please enable javascript", "sponsored", "copyright ©", "© ", "all rights reserved",
        // Previous/next navigation.
        "next post", "previous post", "next article", "previous article", "next story", "previous story", "older post", "newer post",
        "« previous", "next »", "nächster beitrag", "vorheriger beitrag", "nachfolgebeitrag", "vorgängerbeitrag", "nächster artikel",
        "vorheriger artikel", "vorschau auf den nächsten", "article suivant", "article précédent", "artículo siguiente", "artículo anterior",
        // Photo credits.
        "photo:", "photos:", "image:", "images:", "foto:", "fotos:", "bild:", "titelbild:", "credit:", "photo credit", "image credit",
        "bildquelle", "crédit photo", "crédits photo",
    ]

    /// Openings of visible update and correction notes, which always belong to the text.
    static let notePrefixes = [
        "update", "updated", "correction", "corrected", "clarification", "editor's note", "editor’s note", "editors' note",
        "editor's note:", "this article has been updated", "this story has been updated", "this article was updated", "this story was updated",
        "an earlier version of this", "a previous version of this", "this article has been corrected", "this story has been corrected",
    ]

    static func containsAny(_ text: String, _ fragments: [String]) -> Bool {
        for fragment in fragments where text.includes(fragment) { return true }
        return false
    }

    static func containsAny(_ text: String, _ fragments: FragmentSet) -> Bool {
        fragments.occurs(in: text)
    }

    /// Byte-wise prefix test on UTF-8 (the phrases and the lowercased text are NFC).
    static func hasAnyPrefix(_ text: String, _ prefixes: [String]) -> Bool {
        guard let first = text.utf8.first else { return prefixes.contains("") }
        for prefix in prefixes where prefix.utf8.first == first && text.utf8.starts(with: prefix.utf8) { return true }
        return false
    }

    /// The first 64 scalars of `text`, lowercased: enough for every phrase list here, without
    /// lowercasing a whole paragraph.
    static func lowercasedOpening(_ text: String) -> String {
        Whitespace.lowercased(Whitespace.opening(text, scalars: 64))
    }

    /// Whether a paragraph reads as an update or correction note.
    static func isNote(_ text: String) -> Bool {
        // Every entry of `notePrefixes` starts with one of these letters (keep them in step): a cheap first test.
        guard let first = text.utf8.first, "uUcCeEtTaA".utf8.contains(first) else { return false }
        // The opening decides; lowercasing only it keeps this cheap on long paragraphs.
        let lower = Whitespace.lowercased(Whitespace.opening(text, scalars: 80))
        guard hasAnyPrefix(lower, notePrefixes) else { return false }
        return lower.includes("updat") || lower.includes("correct") || lower.includes("clarif") || lower.includes("note")
    }
}

/// A fixed list of lowercase fragments, searched in one pass over the haystack: fragments are
/// bucketed by their first byte, so each position of the haystack is compared only with the
/// fragments that start with its byte (instead of one scan of the haystack per fragment). The
/// fragments live in one flat byte array with a per-first-byte range table, so the scan touches
/// no reference-counted storage per byte.
struct FragmentSet: Sendable {
    /// All fragments' bytes, grouped by first byte.
    private let bytes: [UInt8]
    /// Per fragment: start in `bytes` and length; grouped like `bytes`.
    private let fragments: [(start: Int32, length: Int32)]
    /// Per first byte: the range of `fragments` starting with it (`bucketStart[b] ..< bucketStart[b + 1]`).
    private let bucketStart: [Int32]
    /// One bit per pair of bytes (first << 8 | second) that some fragment starts with (every pair
    /// of a first byte when a one-byte fragment starts with it): most positions of a text are
    /// passed over on this test alone.
    private let pairs: [UInt64]

    init(_ list: [String]) {
        var grouped: [[[UInt8]]] = Array(repeating: [], count: 256)
        for fragment in list {
            let utf8 = Array(fragment.utf8)
            guard let first = utf8.first else { continue }
            grouped[Int(first)].append(utf8)
        }
        var bytes: [UInt8] = []
        var fragments: [(start: Int32, length: Int32)] = []
        var bucketStart: [Int32] = [0]
        for bucket in grouped {
            for fragment in bucket {
                fragments.append((Int32(bytes.count), Int32(fragment.count)))
                bytes.append(contentsOf: fragment)
            }
            bucketStart.append(Int32(fragments.count))
        }
        var pairs = Array(repeating: UInt64(0), count: 1024)
        for bucket in grouped {
            for fragment in bucket {
                let first = Int(fragment[0]) << 8
                if fragment.count == 1 {
                    for second in 0..<256 { pairs[(first | second) >> 6] |= 1 << UInt64(second & 63) }
                } else {
                    let key = first | Int(fragment[1])
                    pairs[key >> 6] |= 1 << UInt64(key & 63)
                }
            }
        }
        self.bytes = bytes
        self.fragments = fragments
        self.bucketStart = bucketStart
        self.pairs = pairs
    }

    /// Whether any fragment occurs in `text` (byte-wise on UTF-8).
    func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { haystack in
            bytes.withUnsafeBufferPointer { bytes in
                fragments.withUnsafeBufferPointer { fragments in
                    bucketStart.withUnsafeBufferPointer { bucketStart in
                      pairs.withUnsafeBufferPointer { pairs in
                        let n = haystack.count
                        var i = 0
                        while i < n {
                            if i + 1 < n {
                                let key = Int(haystack[i]) << 8 | Int(haystack[i + 1])
                                if pairs[key >> 6] & (1 << UInt64(key & 63)) == 0 {
                                    i += 1
                                    continue
                                }
                            }
                            let first = Int(haystack[i])
                            var f = Int(bucketStart[first])
                            let last = Int(bucketStart[first + 1])
                            while f < last {
                                let start = Int(fragments[f].start), length = Int(fragments[f].length)
                                if length <= n - i {
                                    var j = 1
                                    while j < length && haystack[i + j] == bytes[start + j] { j += 1 }
                                    if j == length { return true }
                                }
                                f += 1
                            }
                            i += 1
                        }
                        return false
                      }
                    }
                }
            }
        }
    }
}
