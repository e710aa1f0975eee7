import Foundation
import StetDiff
import StetExtract

/// One article in the archive, as `stet list` shows it.
public struct ArticleSummary: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var site: String?
    public var url: String?
    public var canonicalURL: String?
    public var versionCount: Int
    /// Capture time of the first version.
    public var createdAt: Date?
    /// Capture time of the latest version.
    public var lastChangedAt: Date?
    /// The latest version's one-line summary.
    public var lastSummary: String?
    /// When the article was last checked (any outcome).
    public var lastCheckedAt: Date?
    /// The latest version's HTTP validators, for a conditional request.
    public var etag: String?
    public var lastModified: String?
    /// Watch state (index-only; see `Archive.setWatch`).
    public var tracked: Bool
    public var nextDue: Date?
    /// Seconds between checks.
    public var interval: TimeInterval?
    /// The page is gone (e.g. HTTP 404/410); the watcher stops checking it.
    public var gone: Bool
    /// Failed checks since the last successful one.
    public var failures: Int
}

/// One stored version, as the index records it.
public struct VersionRecord: Sendable, Hashable {
    public var articleID: String
    /// 1 for the first version.
    public var number: Int
    public var commit: ObjectID
    public var capturedAt: Date
    /// The capture's zone, in seconds east of UTC (as recorded in the commit).
    public var timeZoneOffset: Int
    public var title: String?
    public var wordCount: Int
    /// The one-line summary (the commit message's first line).
    public var summary: String
    /// Change counts against the previous version (all zero for the first).
    public var counts: ChangeCounts
    /// The earlier version this one restores exactly.
    public var revertOf: Int?
    /// The final URL the version was fetched from.
    public var url: String?
    public var httpStatus: Int?
    public var extractorVersion: String?
}

/// A version read back from git: its record, the parsed article, and the stored files.
public struct StoredVersion: Sendable, Hashable {
    public var record: VersionRecord
    /// The article as stored (from `article.md`; `linkWordRatio` from `meta.json`).
    public var article: ExtractedArticle
    /// The text of `article.md`.
    public var markdown: String
    public var metadata: VersionMetadata
    /// `source.html` or `source.txt`.
    public var sourceName: String
    /// The raw page bytes as captured.
    public var source: [UInt8]
}

/// How a check of an article ended.
public enum CheckOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case newVersion = "new-version"
    case unchanged
    case failed
    case notModified = "not-modified"
}

/// One check of an article (index-only history; not stored in git).
public struct CheckRecord: Sendable, Hashable {
    public var articleID: String
    public var checkedAt: Date
    public var outcome: CheckOutcome
    /// The version the check produced or confirmed.
    public var version: Int?
    public var error: String?
    public var httpStatus: Int?
}

/// Which version of an article: `N` (1-based), `latest`, or `latest~K` (K versions before the latest).
public enum VersionSelector: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case latest(back: Int)

    /// Parses `N`, `latest`, `latest~K` (also `@`, `head` as synonyms of `latest`, and `~K` / `-K` shorthands).
    public init(parsing text: String) throws(ArchiveError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(trimmed), number >= 1 {
            self = .number(number)
            return
        }
        for base in ["latest", "head", "@"] where trimmed.hasPrefix(base) {
            let rest = trimmed.dropFirst(base.count)
            if rest.isEmpty {
                self = .latest(back: 0)
                return
            }
            if rest.first == "~", let back = Int(rest.dropFirst()), back >= 0 {
                self = .latest(back: back)
                return
            }
        }
        throw .invalidVersionSelector(text)
    }

    /// The version number this selects among `count` versions, or nil when out of range.
    public func resolve(count: Int) -> Int? {
        switch self {
        case .number(let n): return n >= 1 && n <= count ? n : nil
        case .latest(let back):
            let n = count - back
            return n >= 1 && back >= 0 ? n : nil
        }
    }

    public var description: String {
        switch self {
        case .number(let n): "\(n)"
        case .latest(0): "latest"
        case .latest(let back): "latest~\(back)"
        }
    }
}

/// The thresholds of the snapshot quality guard (see docs/archive-format.md, "Quality guard").
public struct QualityGuard: Sendable, Hashable {
    /// A new version with fewer than this share of the previous version's words is refused
    /// (0…1; default 0.4).
    public var minimumWordRatio: Double = 0.4
    /// The shrink rule applies only when the previous version had at least this many words (default 20).
    public var shrinkFloorWords: Int = 20
    /// A page whose body has more than this share of its words inside links is refused (0…1; default 0.5).
    public var maximumLinkWordRatio: Double = 0.5

    public init() {}

    /// Why a page must not be stored, or nil when it may.
    func rejection(words: Int, linkWordRatio: Double, previousWords: Int?) -> String? {
        if words == 0 { return "the extraction is empty" }
        if linkWordRatio > maximumLinkWordRatio {
            return "the page looks like a list of links (\(Int((linkWordRatio * 100).rounded()))% of words are in links)"
        }
        if let previousWords, previousWords >= shrinkFloorWords, Double(words) < minimumWordRatio * Double(previousWords) {
            return "the extraction has \(words) words, under \(Int(minimumWordRatio * 100))% of the previous version's \(previousWords)"
        }
        return nil
    }

    /// Words in the article's body blocks (runs of characters holding a letter or a digit).
    static func wordCount(_ article: ExtractedArticle) -> Int {
        article.blocks.reduce(0) { total, block in total + wordCount(in: block.text) }
    }

    /// Runs of non-whitespace characters that hold a letter or a digit.
    ///
    /// One pass over the scalars when every scalar is below U+0300 or general punctuation
    /// (U+2010–U+2027, U+2030–U+205E): there no scalar extends a grapheme cluster (CR LF, the one
    /// pair, is whitespace on both sides), and `Character.isWhitespace` / `isLetter` / `isNumber`
    /// are the first scalar's White_Space / Alphabetic / numeric type, so counting scalars gives
    /// the same answer as counting characters, without building them. Other text takes the
    /// character path. Snapshots call this twice per version, so it showed in profiles.
    static func wordCount(in text: String) -> Int {
        var count = 0
        var inWord = false
        var wordHasLetterOrDigit = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let space: Bool
            let letterOrDigit: Bool
            if value < 0x80 {
                space = value == 0x20 || (0x09...0x0D).contains(value)
                letterOrDigit = (0x30...0x39).contains(value) || (0x61...0x7A).contains(value | 0x20)
            } else if value < 0x300 || (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value) {
                let properties = scalar.properties
                space = properties.isWhitespace
                letterOrDigit = properties.isAlphabetic || properties.numericType != nil
            } else {
                return text.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
            }
            if space {
                if inWord && wordHasLetterOrDigit { count += 1 }
                inWord = false
                wordHasLetterOrDigit = false
            } else {
                inWord = true
                if letterOrDigit { wordHasLetterOrDigit = true }
            }
        }
        if inWord && wordHasLetterOrDigit { count += 1 }
        return count
    }
}
