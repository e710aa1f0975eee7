// The three ways the extraction corpus is scored, each as its source's own benchmark does it.
//
// - Shingles (zyte-aeb, readability): `\w+` tokens (Unicode letters, digits, marks and `_`;
//   case kept), multisets of 4-word shingles (a page with fewer than 4 tokens is one shingle).
//   Per page, precision = |output ∩ expected| / |output| and recall = |output ∩ expected| /
//   |expected| over the multisets. Precision is averaged over pages with output, recall over all
//   pages, and F1 is the harmonic mean of the two averages.
// - Snippets (trafilatura-eval): each `with` snippet found verbatim in the output is a true
//   positive, each one missing a false negative; each `without` snippet found is a false
//   positive. F = 2tp / (2tp + fp + fn) over all pages.
// - Metadata agreement (readability): title and byline compared after lowercasing and keeping
//   only letters and digits.
//
// Complexity: O(tokens) per page with hashing.

/// Scoring functions for extraction output.
public enum ExtractionScoring {
    /// `\w+` tokens of `text`.
    public static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            let isWord = p.isAlphabetic || p.numericType != nil || scalar == "_"
                || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
            if isWord {
                current.append(scalar)
            } else if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    /// Multiset of `n`-token shingles.
    public static func shingles(_ text: String, n: Int = 4) -> [String: Int] {
        let words = tokens(text)
        var result: [String: Int] = [:]
        if words.isEmpty { return result }
        if words.count < n {
            result[words.joined(separator: " "), default: 0] += 1
            return result
        }
        for start in 0...(words.count - n) {
            result[words[start..<(start + n)].joined(separator: " "), default: 0] += 1
        }
        return result
    }

    /// Precision and recall of `output` against `expected` over shingle multisets; precision is nil
    /// when the output is empty.
    public static func shingleScores(output: String, expected: String) -> (precision: Double?, recall: Double) {
        let out = shingles(output)
        let exp = shingles(expected)
        let outTotal = out.values.reduce(0, +)
        let expTotal = exp.values.reduce(0, +)
        var common = 0
        for (key, count) in out { common += min(count, exp[key] ?? 0) }
        let precision: Double? = outTotal == 0 ? nil : Double(common) / Double(outTotal)
        let recall = expTotal == 0 ? (outTotal == 0 ? 1 : 0) : Double(common) / Double(expTotal)
        return (precision, recall)
    }

    /// Averages over pages: precision over pages with output, recall over all, and their F1.
    public static func aggregate(_ pages: [(precision: Double?, recall: Double)]) -> (precision: Double, recall: Double, f1: Double) {
        let precisions = pages.compactMap(\.precision)
        let p = precisions.isEmpty ? 0 : precisions.reduce(0, +) / Double(precisions.count)
        let r = pages.isEmpty ? 0 : pages.map(\.recall).reduce(0, +) / Double(pages.count)
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
    }

    /// Snippet hits for one page.
    public static func snippetCounts(output: String, with: [String], without: [String]) -> (tp: Int, fn: Int, fp: Int) {
        let tp = with.filter { output.contains($0) }.count
        let fp = without.filter { output.contains($0) }.count
        return (tp, with.count - tp, fp)
    }

    /// Letters and digits only, lowercased: the form in which titles and bylines are compared.
    public static func comparable(_ text: String?) -> String {
        guard let text else { return "" }
        return String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }
}
