import StetDiff
import Testing

@testable import StetRender

@Suite struct PairUnchangedTests {
    /// The length of a longest common subsequence, by the textbook table.
    private func lcsLength(_ a: [String], _ b: [String]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }

    private func check(_ oldText: [String], _ newText: [String], optimal: Bool) {
        let old = Array(oldText.indices), new = Array(newText.indices)
        let pairs = DiffOutline.pairUnchanged(old, new, old: oldText, new: newText)
        for (a, b) in pairs { #expect(oldText[a] == newText[b]) }
        for (first, second) in zip(pairs, pairs.dropFirst()) {
            #expect(first.0 < second.0 && first.1 < second.1, "pairs must keep both orders")
        }
        if optimal { #expect(pairs.count == lcsLength(oldText, newText)) }
    }

    @Test func pairsAMaximalOrderedMatching() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            let alphabet = ["a", "b", "c", "d", "e"]
            let old = (0..<next(12)).map { _ in alphabet[next(alphabet.count)] }
            let new = (0..<next(12)).map { _ in alphabet[next(alphabet.count)] }
            check(old, new, optimal: true)
            // Shared prefix and suffix around a shuffled middle.
            check(["p", "q"] + old + ["y", "z"], ["p", "q"] + new + ["y", "z"], optimal: true)
        }
    }

    /// The bit-parallel table gives every cell of the textbook table, for lengths across 64-bit
    /// word boundaries and small alphabets (many matches) as well as large ones (few).
    @Test func bitParallelTableMatchesTextbookTable() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for (n, m, alphabet) in [(1, 1, 2), (3, 70, 3), (64, 64, 2), (65, 129, 4), (130, 63, 40), (200, 191, 6), (50, 300, 300)] {
            let x = (0..<n).map { _ in Int32(next(alphabet)) }, y = (0..<m).map { _ in Int32(next(alphabet)) }
            var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            let fast = SuffixLCS(x[...], y[...])
            var wrong = 0
            for i in 0...n { for j in 0...m where fast.length(i, j) != table[i][j] { wrong += 1 } }
            #expect(wrong == 0, "\(n) × \(m) over \(alphabet) values: \(wrong) cells differ")
        }
    }

    @Test func hugeRewritesArePairedGreedilyInOrder() {
        let size = 2_100  // 2,100 × 2,100 cells exceed the table bound
        let old = (0..<size).map { "s\($0 % 700)" }
        let new = (0..<size).map { "s\(($0 * 7) % 700)" }
        #expect(size * size > DiffOutline.maximumTableCells)
        check(old, new, optimal: false)
        #expect(!DiffOutline.pairUnchanged(Array(old.indices), Array(new.indices), old: old, new: new).isEmpty)
    }
}
