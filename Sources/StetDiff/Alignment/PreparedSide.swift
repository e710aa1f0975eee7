import StetText

/// One side of a comparison, segmented and normalized once: every later stage reads these arrays.
///
/// Each sentence gets its comparison key (an interned id, so equality is an integer compare), its
/// word tokens as interned ids, and the same ids sorted (for linear-time multiset intersection).
/// Building both sides costs O(total characters); the vocabulary is shared between the sides.
struct PreparedSide {
    var texts: [String]
    var keys: [String]
    var keyIDs: [Int]
    var tokens: [[Int32]]
    var sortedTokens: [[Int32]]
    /// Block index of each sentence.
    var blockOf: [Int]
    /// Role of each sentence's block.
    var roles: [BlockRole]
    /// Sentence ranges of each block.
    var blocks: [SegmentedDocument.BlockSpan]

    var count: Int { texts.count }

    func isMetadata(_ index: Int) -> Bool { roles[index].isMetadata }
}

/// Interns strings into small integer ids shared by both sides of a comparison.
struct Vocabulary {
    private var ids: [String: Int32] = [:]
    private(set) var words: [String] = []
    private var keyIDs: [String: Int] = [:]

    mutating func id(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        return id
    }

    mutating func keyID(_ key: String) -> Int {
        if let id = keyIDs[key] { return id }
        let id = keyIDs.count
        keyIDs[key] = id
        return id
    }
}

extension PreparedSide {
    init(_ document: Document, segmenter: Segmenter, vocabulary: inout Vocabulary) {
        let segmented = segmenter.segment(document)
        let count = segmented.sentences.count
        texts = segmented.sentences.map(\.text)
        blockOf = segmented.sentences.map(\.block)
        blocks = segmented.blocks
        var roles = [BlockRole](repeating: .paragraph, count: count)
        for span in segmented.blocks {
            for index in span.sentences { roles[index] = span.role }
        }
        self.roles = roles
        keys = []
        keyIDs = []
        tokens = []
        sortedTokens = []
        keys.reserveCapacity(count)
        for text in texts {
            let key = Normalizer.comparisonKey(text)
            keys.append(key)
            keyIDs.append(vocabulary.keyID(key))
            let ids = Normalizer.words(inKey: key).map { vocabulary.id($0) }
            tokens.append(ids)
            sortedTokens.append(ids.sorted())
        }
    }
}

/// Word-overlap measures over sorted token-id arrays.
enum Overlap {
    /// Size of the multiset intersection of two sorted arrays. O(a + b).
    static func common(_ a: [Int32], _ b: [Int32]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return shared
    }

    /// Dice coefficient 2|A∩B| / (|A|+|B|); 1 for two empty sentences (punctuation only).
    static func dice(_ a: [Int32], _ b: [Int32]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        return 2 * Double(common(a, b)) / Double(a.count + b.count)
    }

    /// Share of `part`'s words found in `whole`.
    static func containment(_ part: [Int32], in whole: [Int32]) -> Double {
        if part.isEmpty { return 0 }
        return Double(common(part, whole)) / Double(part.count)
    }

    /// Merges sorted arrays into one sorted array (the multiset union used for split candidates).
    static func merged(_ arrays: [[Int32]]) -> [Int32] {
        var all: [Int32] = []
        for array in arrays { all.append(contentsOf: array) }
        all.sort()
        return all
    }
}
