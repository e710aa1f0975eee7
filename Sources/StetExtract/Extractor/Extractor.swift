import StetText

/// Takes the article out of a page. (Interim signature; the extraction issue fills it in.)
public struct Extractor: Sendable {
    /// Recorded in each stored version's metadata; bump it when output can change.
    public static let version = "stet-extract/0"

    public init() {}

    /// Extracts the article from raw page bytes. `url` is where the page came from and
    /// `contentType` the HTTP `Content-Type` header, both optional (they help charset detection
    /// and relative URLs).
    public func extract(html: [UInt8], url: String? = nil, contentType: String? = nil) throws(ExtractionError) -> ExtractedArticle {
        let text = String(decoding: html, as: UTF8.self)
        let document = Document(plainText: text)
        guard !document.blocks.isEmpty else { throw ExtractionError.empty }
        return ExtractedArticle(blocks: document.blocks)
    }
}

/// Why a page gave no article.
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case parser(String)

    public var description: String {
        switch self {
        case .empty: "the page holds no article text"
        case .parser(let message): "the page could not be parsed: \(message)"
        }
    }
}
