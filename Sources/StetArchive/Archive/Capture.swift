import Foundation

/// One captured page, as handed to `Archive.snapshot(_:)`: the raw bytes and how they were got.
public struct Capture: Sendable, Hashable {
    /// The raw page bytes (HTML or plain text).
    public var body: [UInt8]
    /// The URL that was asked for.
    public var url: String?
    /// The URL the page finally came from, after redirects.
    public var finalURL: String?
    /// The HTTP `Content-Type`, if known.
    public var contentType: String?
    /// When the page was captured; becomes the commit's author and committer time.
    public var capturedAt: Date
    /// The zone the capture time is recorded in (the commit's time zone).
    public var timeZone: TimeZone
    public var httpStatus: Int?
    public var etag: String?
    public var lastModified: String?
    /// The file the page was read from, when it came from a file.
    public var sourceFileName: String?
    /// An explicit article id (`--article`); otherwise one is derived from the URLs or the file name.
    public var articleID: String?
    /// Store the version even when the quality guard would reject it (`--force`).
    public var skipQualityGuard: Bool

    public init(
        body: [UInt8], url: String? = nil, finalURL: String? = nil, contentType: String? = nil, capturedAt: Date = Date(),
        timeZone: TimeZone = .current, httpStatus: Int? = nil, etag: String? = nil, lastModified: String? = nil,
        sourceFileName: String? = nil, articleID: String? = nil, skipQualityGuard: Bool = false
    ) {
        self.body = body
        self.url = url
        self.finalURL = finalURL
        self.contentType = contentType
        self.capturedAt = capturedAt
        self.timeZone = timeZone
        self.httpStatus = httpStatus
        self.etag = etag
        self.lastModified = lastModified
        self.sourceFileName = sourceFileName
        self.articleID = articleID
        self.skipQualityGuard = skipQualityGuard
    }

    /// Whether the page is plain text rather than HTML: by content type, then by file extension,
    /// then by its first non-blank byte (HTML starts with `<`).
    public var isPlainText: Bool {
        if let type = contentType?.lowercased() {
            if type.contains("html") || type.contains("xml") { return false }
            if type.hasPrefix("text/plain") || type.hasPrefix("text/markdown") { return true }
        }
        if let name = sourceFileName?.lowercased() {
            if name.hasSuffix(".txt") || name.hasSuffix(".text") || name.hasSuffix(".md") { return true }
            if name.hasSuffix(".html") || name.hasSuffix(".htm") || name.hasSuffix(".xhtml") { return false }
        }
        var bytes = body[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) else { return true }
        return first != UInt8(ascii: "<")
    }
}

/// What a snapshot did.
public enum SnapshotOutcome: Sendable, Hashable {
    /// A new version was committed.
    case newVersion(number: Int, articleID: String, title: String?, summary: String, revertOf: Int?)
    /// The text is identical to the latest version; a check was recorded, nothing committed.
    case unchanged(articleID: String, version: Int)
    /// The quality guard refused the page (recorded as a failed check), nothing committed.
    case rejected(articleID: String, reason: String)

    /// The article the snapshot was about.
    public var articleID: String {
        switch self {
        case .newVersion(_, let id, _, _, _), .unchanged(let id, _), .rejected(let id, _): id
        }
    }
}
