import Foundation
import StetDiff
import StetText

/// Scores the differ against human-annotated revisions (IteraTeR pairs under `revisions/`).
///
/// Reasoning. Each IteraTeR pair gives the sentence starts of v1 (`sents_char_pos`) and the edits
/// (`edit_actions`, character spans in v1, with the annotators' intents). A v1 sentence is
/// *annotated* when an edit span overlaps it (an insertion counts for the sentence that holds its
/// position). Edits whose before and after texts have the same comparison key (quote style, dash
/// style, spacing) are not counted: stet reports those as no change by design. stet's old sentences are located in v1 by searching their text in order; an annotated
/// sentence is *reported* when a word stet marks as deleted or an insertion point stet marks (the
/// word diff inside each changed statement, as the renderers highlight it) falls in it, when it is
/// removed or moved away, or when stet reports a sentence added or moved in right next to it. An insertion point on
/// a sentence boundary (between the previous sentence's end and the next one's first word) may
/// belong to either sentence: it counts for recall, not as a false alarm. The scores:
/// - **recall**: reported annotated sentences / annotated sentences;
/// - **false alarms**: unannotated v1 sentences holding a word stet marks as changed / unannotated
///   sentences (adjacency to additions does not count here);
/// - **significance**: over reported annotated sentences whose edits are all `fluency` (expected
///   minor) or include `meaning-changed` (expected substantive), the share where stet agrees (stet's
///   verdict for a sentence: substantive when a change whose marked words fall in it is substantive). Sentences
///   edited only for clarity, coherence or style have no agreed significance and are not scored.
///
/// - Complexity: one diff per pair; linear scans otherwise.
public enum RevisionEvaluation {
    public struct Report: Sendable, Codable, Hashable {
        public var pairs = 0
        public var annotatedSentences = 0
        public var recalledSentences = 0
        public var unannotatedSentences = 0
        public var falseAlarmSentences = 0
        /// Recall and false alarms when a whole changed sentence counts (no word-level refinement).
        public var recalledSentencesSentenceLevel = 0
        public var falseAlarmSentencesSentenceLevel = 0
        /// Annotated edits that only change quote style, dash style or spacing (not scored).
        public var invisibleEdits = 0
        public var significanceScored = 0
        public var significanceAgreed = 0
        /// Unannotated transitions (18F blog) diffed without error, for coverage.
        public var unannotatedTransitions = 0
        /// A few misses and false alarms, to read when tuning.
        public var examples: [String] = []

        public var recall: Double { annotatedSentences == 0 ? 0 : Double(recalledSentences) / Double(annotatedSentences) }
        public var falseAlarmRate: Double { unannotatedSentences == 0 ? 0 : Double(falseAlarmSentences) / Double(unannotatedSentences) }
        public var recallSentenceLevel: Double { annotatedSentences == 0 ? 0 : Double(recalledSentencesSentenceLevel) / Double(annotatedSentences) }
        public var falseAlarmRateSentenceLevel: Double { unannotatedSentences == 0 ? 0 : Double(falseAlarmSentencesSentenceLevel) / Double(unannotatedSentences) }
        public var significanceAccuracy: Double { significanceScored == 0 ? 0 : Double(significanceAgreed) / Double(significanceScored) }

        public init() {}

        /// A short text report.
        public var text: String {
            """
            pairs: \(pairs) annotated (\(unannotatedTransitions) unannotated transitions also diffed); \(invisibleEdits) edits only changed quote style or spacing and are not scored
            recall: \(format(recall)) (\(recalledSentences) of \(annotatedSentences) annotated-edited v1 sentences reported changed)
            false alarms: \(format(falseAlarmRate * 100))% (\(falseAlarmSentences) of \(unannotatedSentences) unannotated v1 sentences reported changed)
            significance: \(format(significanceAccuracy)) (\(significanceAgreed) of \(significanceScored) scored sentences agree)
            sentence level (whole changed sentences, no word-level refinement): recall \(format(recallSentenceLevel)), false alarms \(format(falseAlarmRateSentenceLevel * 100))%
            """
        }
    }

    struct Annotation: Decodable {
        struct Edit: Decodable {
            var type: String
            var before: String?
            var after: String?
            var start_char_pos: Int
            var end_char_pos: Int
            var major_intent: String?
        }
        var sents_char_pos: [Int]
        var edit_actions: [Edit]
    }

    public enum Failure: Error, CustomStringConvertible {
        case notADirectory(String)
        public var description: String {
            switch self {
            case .notADirectory(let path): "not a revisions directory: \(path)"
            }
        }
    }

    /// Runs the evaluation over every `*/*/annotation.json` pair under `directory` (the corpus's
    /// `revisions` folder). Unannotated series are diffed for coverage only.
    public static func run(directory: URL, configuration: DiffConfiguration = .default, exampleLimit: Int = 200) throws -> Report {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.notADirectory(directory.path)
        }
        var report = Report()
        let differ = Differ(configuration: configuration)
        for source in try fm.contentsOfDirectory(atPath: directory.path).sorted() {
            let sourceURL = directory.appendingPathComponent(source)
            guard let cases = try? fm.contentsOfDirectory(atPath: sourceURL.path) else { continue }
            for name in cases.sorted() {
                let caseURL = sourceURL.appendingPathComponent(name)
                let annotationURL = caseURL.appendingPathComponent("annotation.json")
                if let data = try? Data(contentsOf: annotationURL),
                    let annotation = try? JSONDecoder().decode(Annotation.self, from: data),
                    let v1 = try? String(contentsOf: caseURL.appendingPathComponent("v1.txt"), encoding: .utf8),
                    let v2 = try? String(contentsOf: caseURL.appendingPathComponent("v2.txt"), encoding: .utf8)
                {
                    score(v1: v1, v2: v2, annotation: annotation, differ: differ, label: "\(source)/\(name)", report: &report, exampleLimit: exampleLimit)
                } else {
                    let versions = ((try? fm.contentsOfDirectory(atPath: caseURL.path)) ?? [])
                        .filter { $0.hasPrefix("v") && $0.hasSuffix(".txt") }
                        .sorted { (Int($0.dropFirst().dropLast(4)) ?? 0) < (Int($1.dropFirst().dropLast(4)) ?? 0) }
                    let texts = versions.compactMap { try? String(contentsOf: caseURL.appendingPathComponent($0), encoding: .utf8) }
                    for (a, b) in zip(texts, texts.dropFirst()) {
                        _ = differ.diff(old: Document(plainText: a), new: Document(plainText: b))
                        report.unannotatedTransitions += 1
                    }
                }
            }
        }
        return report
    }

    static func score(v1 raw1: String, v2: String, annotation: Annotation, differ: Differ, label: String, report: inout Report, exampleLimit: Int) {
        // Positions index v1 without its final newline; work in unicode scalars like Python's str.
        let v1 = raw1.hasSuffix("\n") ? String(raw1.dropLast()) : raw1
        let scalars = Array(v1.unicodeScalars)
        let starts = annotation.sents_char_pos
        guard !starts.isEmpty else { return }
        func sentence(at position: Int) -> Int {
            var k = 0
            while k + 1 < starts.count && starts[k + 1] <= position { k += 1 }
            return k
        }
        // Clamped, so an annotation that does not fit its text cannot index past it.
        func range(of k: Int) -> Range<Int> {
            let lower = min(max(starts[k], 0), scalars.count)
            let upper = min(max(k + 1 < starts.count ? starts[k + 1] : scalars.count, lower), scalars.count)
            return lower..<upper
        }
        var intents = [[String]](repeating: [], count: starts.count)
        for edit in annotation.edit_actions {
            // Edits invisible to comparison (quote style, dash style, spacing) are not counted:
            // stet deliberately reports them as no change.
            if Normalizer.comparisonKey(edit.before ?? "") == Normalizer.comparisonKey(edit.after ?? "") {
                report.invisibleEdits += 1
                continue
            }
            let first = sentence(at: edit.start_char_pos)
            let last = edit.end_char_pos > edit.start_char_pos ? sentence(at: edit.end_char_pos - 1) : first
            for k in first...max(first, last) { intents[k].append(edit.major_intent ?? "others") }
        }

        let diff = differ.diff(old: Document(plainText: raw1), new: Document(plainText: v2))
        // Locate stet's old sentences in v1 (scalar offsets).
        var located: [Range<Int>?] = []
        var cursor = 0
        for text in diff.sentences.old {
            let needle = Array(text.unicodeScalars)
            if let start = find(needle, in: scalars, from: cursor) {
                located.append(start..<(start + needle.count))
                cursor = start + needle.count
            } else {
                located.append(nil)
            }
        }
        var changedOld = Set<Int>(), adjacentOld = Set<Int>()
        // Old neighbours of additions: the old partners of the unchanged new sentences around them.
        var oldOfNew = [Int?](repeating: nil, count: diff.sentences.new.count)
        do {
            var inChange = Set<Int>(), inChangeNew = Set<Int>()
            for change in diff.changes { inChange.formUnion(change.old); inChangeNew.formUnion(change.new) }
            let restOld = diff.sentences.old.indices.filter { !inChange.contains($0) }
            let restNew = diff.sentences.new.indices.filter { !inChangeNew.contains($0) }
            for (i, j) in zip(restOld, restNew) { oldOfNew[j] = i }
            for change in diff.changes where change.kind != .moved {
                for (i, j) in zip(change.old, change.new) { oldOfNew[j] = i }
            }
        }
        // Changed character spans of v1 (and insertion points), at word level inside paired changes.
        var changedSpans: [(range: Range<Int>, significance: Significance)] = []
        var insertionPoints: [(at: Int, significance: Significance)] = []
        for change in diff.changes {
            for i in change.old {
                changedOld.insert(i)
            }
            // Text arriving somewhere (added, or moved here) is reported next to its old neighbours.
            if change.kind == .added || change.kind == .moved, let first = change.new.first, let last = change.new.last {
                var j = first - 1
                while j >= 0, oldOfNew[j] == nil { j -= 1 }
                if j >= 0, let i = oldOfNew[j] { adjacentOld.insert(i) }
                j = last + 1
                while j < oldOfNew.count, oldOfNew[j] == nil { j += 1 }
                if j < oldOfNew.count, let i = oldOfNew[j] { adjacentOld.insert(i) }
            }
            guard !change.old.isEmpty else { continue }
            // Removed and moved sentences changed as a whole (a move changes where the text stands).
            if change.new.isEmpty || change.kind == .moved {
                changedSpans += change.old.compactMap { located[$0] }.map { ($0, change.significance) }
                continue
            }
            // Offsets of the joined old text back into v1.
            var pieces: [(offset: Int, range: Range<Int>?)] = []
            var joinedOld = ""
            for i in change.old {
                if !joinedOld.isEmpty { joinedOld += " " }
                pieces.append((joinedOld.unicodeScalars.count, located[i]))
                joinedOld += diff.sentences.old[i]
            }
            func toV1(_ offset: Int) -> Int? {
                guard let piece = pieces.last(where: { $0.offset <= offset }), let r = piece.range else { return nil }
                return min(r.lowerBound + (offset - piece.offset), r.upperBound)
            }
            let joinedNew = change.new.map { diff.sentences.new[$0] }.joined(separator: " ")
            var position = 0
            for span in WordDiff.spans(old: joinedOld, new: joinedNew) {
                let length = span.text.unicodeScalars.count
                let blank = span.text.allSatisfy(\.isWhitespace)
                switch span.operation {
                case .equal:
                    position += length
                case .deleted:
                    // Only the non-space part of a deleted span marks words.
                    let spanScalars = Array(span.text.unicodeScalars)
                    let lead = spanScalars.prefix { $0.properties.isWhitespace }.count
                    let trail = spanScalars.reversed().prefix { $0.properties.isWhitespace }.count
                    if !blank, let from = toV1(position + lead), let to = toV1(position + length - trail) {
                        changedSpans.append((from..<max(to, from + 1), change.significance))
                    }
                    position += length
                case .inserted:
                    if !blank, let at = toV1(position) { insertionPoints.append((at, change.significance)) }
                }
            }
        }
        func overlapping(_ k: Int, _ set: Set<Int>) -> [Int] {
            let r = range(of: k)
            return set.filter { i in located[i].map { $0.overlaps(r) } ?? false }
        }
        /// Whether stet marks words of sentence `k` as changed. An insertion exactly on a sentence
        /// boundary belongs to either neighbour: it counts for recall (`lenient`) but not as a false alarm.
        func wordLevelChanges(_ k: Int, lenient: Bool) -> [Significance] {
            let r = range(of: k)
            // Insertions before the sentence's first word are on the boundary.
            var content = r.lowerBound
            while content < r.upperBound, content < scalars.count, scalars[content].properties.isWhitespace { content += 1 }
            return changedSpans.filter { $0.range.overlaps(r) }.map(\.significance)
                + insertionPoints.filter { lenient ? (r.lowerBound...r.upperBound).contains($0.at) : (content < $0.at && $0.at < r.upperBound) }
                .map(\.significance)
        }
        report.pairs += 1
        for k in starts.indices {
            let wholeSentences = overlapping(k, changedOld)
            let marks = wordLevelChanges(k, lenient: !intents[k].isEmpty)
            let changed = marks.isEmpty ? [] : wholeSentences
            if intents[k].isEmpty {
                if !wholeSentences.isEmpty { report.falseAlarmSentencesSentenceLevel += 1 }
            } else if !wholeSentences.isEmpty || !overlapping(k, adjacentOld).isEmpty {
                report.recalledSentencesSentenceLevel += 1
            }
            if intents[k].isEmpty {
                report.unannotatedSentences += 1
                if !changed.isEmpty {
                    report.falseAlarmSentences += 1
                    if report.examples.count < exampleLimit {
                        report.examples.append("false alarm \(label) #\(k): \(String(String.UnicodeScalarView(scalars[range(of: k)])).prefix(120))")
                    }
                }
                continue
            }
            report.annotatedSentences += 1
            if !changed.isEmpty || !overlapping(k, adjacentOld).isEmpty {
                report.recalledSentences += 1
            } else if report.examples.count < exampleLimit {
                report.examples.append("miss \(label) #\(k) \(intents[k]): \(String(String.UnicodeScalarView(scalars[range(of: k)])).prefix(120))")
            }
            guard !changed.isEmpty else { continue }
            let expected: Significance?
            if intents[k].contains("meaning-changed") {
                expected = .substantive
            } else if intents[k].allSatisfy({ $0 == "fluency" }) {
                expected = .minor
            } else {
                expected = nil
            }
            guard let expected else { continue }
            report.significanceScored += 1
            // The significance of the changes whose marked words fall in this sentence.
            let reported: Significance = marks.contains(.substantive) ? .substantive : .minor
            if reported == expected {
                report.significanceAgreed += 1
            } else if report.examples.count < exampleLimit {
                report.examples.append("significance \(label) #\(k) \(intents[k]) stet=\(reported): \(String(String.UnicodeScalarView(scalars[range(of: k)])).prefix(160))")
            }
        }
    }

    private static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var s = start
        while s + needle.count <= haystack.count {
            if haystack[s] == needle[0] && Array(haystack[s..<(s + needle.count)]) == needle { return s }
            s += 1
        }
        return nil
    }
}

func format(_ value: Double) -> String {
    String(format: "%.3f", value)
}
