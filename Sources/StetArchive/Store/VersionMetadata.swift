import Foundation

/// `meta.json`: where and how one version was captured. Written with sorted keys and
/// pretty-printed so that identical metadata gives an identical blob.
public struct VersionMetadata: Sendable, Hashable, Codable {
    /// The format of this file; `stet.meta/1`.
    public var schema: String = "stet.meta/1"
    /// The URL that was asked for.
    public var url: String?
    /// The URL the page finally came from, after redirects.
    public var finalURL: String?
    /// The canonical URL the page declares.
    public var canonicalURL: String?
    /// When the page was captured, ISO 8601 with the capture zone.
    public var capturedAt: String
    public var httpStatus: Int?
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    /// The extractor's version string (`Extractor.version`).
    public var extractorVersion: String
    /// Share of body words inside links, as the extractor measured it.
    public var linkWordRatio: Double
    /// The stet release that wrote this version.
    public var stetVersion: String = Archive.softwareVersion
    /// The file the page was read from, when it came from a file.
    public var sourceFile: String?
    /// `source.html` or `source.txt`.
    public var sourceName: String
    /// The version number (1 for the first).
    public var version: Int
    /// The earlier version this one restores exactly, if any.
    public var revertOf: Int?

    public init(
        url: String? = nil, finalURL: String? = nil, canonicalURL: String? = nil, capturedAt: String, httpStatus: Int? = nil,
        etag: String? = nil, lastModified: String? = nil, contentType: String? = nil, extractorVersion: String,
        linkWordRatio: Double, sourceFile: String? = nil, sourceName: String, version: Int, revertOf: Int? = nil
    ) {
        self.url = url
        self.finalURL = finalURL
        self.canonicalURL = canonicalURL
        self.capturedAt = capturedAt
        self.httpStatus = httpStatus
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.extractorVersion = extractorVersion
        self.linkWordRatio = linkWordRatio
        self.sourceFile = sourceFile
        self.sourceName = sourceName
        self.version = version
        self.revertOf = revertOf
    }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings, numbers and optionals cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return Array(data) + [10]
    }

    static func decode(_ bytes: [UInt8]) throws -> VersionMetadata {
        try JSONDecoder().decode(VersionMetadata.self, from: Data(bytes))
    }
}
