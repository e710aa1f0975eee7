import Foundation
import StetDiff

/// The generated cases on disk, so that another differ (a peer baseline) can answer them and be
/// scored by the same code as stet.
///
/// Layout of the folder, one subfolder per case (`0001`, `0002`, …):
/// - `old.txt`, `new.txt`, `control.txt`: plain texts, paragraphs separated by blank lines
///   (`control.txt` is the old text re-wrapped with typographic quotes);
/// - the peer writes `diff.json` (old → new) and `control.json` (old → control) in the
///   `stet.diff/1` shape: `sentences.old`, `sentences.new`, and `changes` with `kind`, `old`, `new`,
///   `significance` and `facets` (other keys are ignored).
extension EditEvaluation {
    public enum CaseFileError: Error, CustomStringConvertible {
        case missingAnswer(String)
        case unreadableAnswer(String, String)
        case wrongCaseCount(expected: Int, found: Int)

        public var description: String {
            switch self {
            case .missingAnswer(let path): "no answer at \(path)"
            case .unreadableAnswer(let path, let why): "cannot read \(path) as stet.diff/1: \(why)"
            case .wrongCaseCount(let expected, let found):
                "the folder holds \(found) cases but the generator made \(expected): export and score with the same --seed and --limit"
            }
        }
    }

    static func caseName(_ index: Int) -> String {
        let digits = String(index + 1)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Writes the cases' texts under `folder` (created if needed).
    public static func export(_ cases: [Case], to folder: URL) throws {
        let fm = FileManager.default
        for (index, item) in cases.enumerated() {
            let directory = folder.appendingPathComponent(caseName(index))
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data((item.oldText + "\n").utf8).write(to: directory.appendingPathComponent("old.txt"))
            try Data((item.newText + "\n").utf8).write(to: directory.appendingPathComponent("new.txt"))
            try Data((item.control + "\n").utf8).write(to: directory.appendingPathComponent("control.txt"))
        }
    }

    /// The part of `stet.diff/1` that scoring reads.
    private struct AnswerFile: Decodable {
        var sentences: Sides<[String]>
        var changes: [Change]

        var diff: ArticleDiff {
            ArticleDiff(
                sentences: sentences, paragraphs: Sides(old: [], new: []), changes: changes,
                summary: "", counts: ChangeCounts(changes: changes))
        }
    }

    /// Scores the answers a peer wrote under `folder` for `cases` (as exported by `export`).
    public static func scoreAnswers(in folder: URL, cases: [Case]) throws -> Report {
        let found = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.count == 4 && $0.allSatisfy(\.isNumber) }.count
        guard found == cases.count else { throw CaseFileError.wrongCaseCount(expected: cases.count, found: found) }
        var index = 0
        return try score(cases) { _ in
            defer { index += 1 }
            let directory = folder.appendingPathComponent(caseName(index))
            return Answer(
                edited: try readAnswer(directory.appendingPathComponent("diff.json")),
                control: try readAnswer(directory.appendingPathComponent("control.json")))
        }
    }

    private static func readAnswer(_ url: URL) throws -> ArticleDiff {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw CaseFileError.missingAnswer(url.path) }
        do {
            return try JSONDecoder().decode(AnswerFile.self, from: data).diff
        } catch {
            throw CaseFileError.unreadableAnswer(url.path, String(describing: error))
        }
    }
}
