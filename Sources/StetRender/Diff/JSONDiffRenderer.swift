import Foundation
import StetDiff
import StetText

/// Writes a diff as the `stet.diff/1` JSON contract (see `docs/json.md`).
///
/// ```json
/// {
///   "changes" : [ { "facets" : [ … ], "kind" : "added", "new" : [ 7 ], "old" : [ ],
///                   "significance" : "substantive", "similarity" : null } ],
///   "counts" : { "added" : 1, … },
///   "paragraphs" : { "new" : [ { "end" : 2, "first" : 0, "role" : "headline" }, … ], "old" : [ … ] },
///   "schema" : "stet.diff/1",
///   "sentences" : { "new" : [ … ], "old" : [ … ] },
///   "summary" : "…"
/// }
/// ```
///
/// Keys are sorted, so the output is stable and diffable; a value that is missing is written as
/// `null` rather than left out, so consumers see every key of the contract. The output decodes back
/// into an `ArticleDiff` with `JSONDecoder`.
public struct JSONDiffRenderer: Sendable {
    /// Indent the output for people; off gives one compact line.
    public var pretty: Bool

    /// A JSON renderer, pretty-printing by default.
    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    /// The diff as JSON text, ending with a newline.
    /// - Throws: `EncodingError` if a value cannot be encoded (a similarity that is not a finite number).
    public func render(_ diff: ArticleDiff) throws -> String {
        try JSONOutput.encode(Contract(diff), pretty: pretty)
    }

    /// The `stet.diff/1` document, written key by key so that absent values become `null`.
    private struct Contract: Encodable {
        var diff: ArticleDiff

        init(_ diff: ArticleDiff) { self.diff = diff }

        enum Keys: String, CodingKey { case schema, sentences, changes, summary, paragraphs, counts }
        enum ChangeKeys: String, CodingKey { case kind, old, new, significance, facets, similarity }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(diff.schema, forKey: .schema)
            try container.encode(diff.sentences, forKey: .sentences)
            var changes = container.nestedUnkeyedContainer(forKey: .changes)
            for change in diff.changes {
                var item = changes.nestedContainer(keyedBy: ChangeKeys.self)
                try item.encode(change.kind, forKey: .kind)
                try item.encode(change.old, forKey: .old)
                try item.encode(change.new, forKey: .new)
                try item.encode(change.significance, forKey: .significance)
                try item.encode(change.facets, forKey: .facets)
                if let similarity = change.similarity {
                    try item.encode(similarity, forKey: .similarity)
                } else {
                    try item.encodeNil(forKey: .similarity)
                }
            }
            try container.encode(diff.summary, forKey: .summary)
            try container.encode(diff.paragraphs, forKey: .paragraphs)
            try container.encode(diff.counts, forKey: .counts)
        }
    }
}

/// The one JSON encoder configuration of every renderer: sorted keys, unescaped slashes, ISO 8601
/// dates, optionally pretty-printed.
enum JSONOutput {
    static func encode(_ value: some Encodable, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
