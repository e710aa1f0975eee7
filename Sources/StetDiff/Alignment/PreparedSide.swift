import StetText

/// One side of a comparison, segmented and normalized once: every later stage reads these arrays.
///
/// Each sentence gets its comparison key (an interned id, so equality is an integer compare), its
/// word tokens as interned ids, and the same ids sorted (for linear-time multiset intersection).
/// Building both sides costs O(total characters); the vocabulary is shared between the sides.
struct PreparedSide {
    var texts: [String]
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

/// UTF-8 bytes as a dictionary key, hashed in one call rather than byte by byte. A lookup can
/// use a slice of a scratch buffer; stored keys are copied out of it.
struct ByteString: Hashable {
    var bytes: ArraySlice<UInt8>

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Interns words and comparison keys (as UTF-8 bytes) into small integer ids shared by both sides
/// of a comparison. Only a word seen for the first time becomes a `String`.
struct Vocabulary {
    private var ids: [ByteString: Int32] = [:]
    /// Words of at most 8 bytes, packed into an integer (words hold no zero byte, so the packing
    /// is one-to-one): most words, looked up without hashing a buffer.
    private var shortIDs = PackedTable()
    private(set) var words: [String] = []
    private var keyIDs: [ByteString: Int] = [:]

    mutating func id(_ word: ArraySlice<UInt8>) -> Int32 {
        if !word.isEmpty && word.count <= 8 {
            var packed: UInt64 = 0
            var shift: UInt64 = 0
            for byte in word {
                packed |= UInt64(byte) << shift
                shift += 8
            }
            let id = shortIDs.id(packed, next: Int32(words.count))
            if id == Int32(words.count) { words.append(String(decoding: word, as: UTF8.self)) }
            return id
        }
        if let id = ids[ByteString(bytes: word)] { return id }
        let id = Int32(words.count)
        ids[ByteString(bytes: ArraySlice(Array(word)))] = id
        words.append(String(decoding: word, as: UTF8.self))
        return id
    }

    mutating func keyID(_ key: [UInt8]) -> Int {
        if let id = keyIDs[ByteString(bytes: key[...])] { return id }
        let id = keyIDs.count
        keyIDs[ByteString(bytes: ArraySlice(Array(key)))] = id
        return id
    }
}

/// An open-addressing table from non-zero 64-bit keys to ids: the packed short words. The hash is
/// a multiply-shift of the key mixed with a per-table random seed, so crafted input cannot predict
/// collisions; linear probing, at most half full.
struct PackedTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var count = 0
    private var shift: UInt64
    private let seed: UInt64

    init() {
        keys = [UInt64](repeating: 0, count: 1024)
        values = [Int32](repeating: 0, count: 1024)
        shift = 64 - 10
        seed = UInt64.random(in: 0...UInt64.max) | 1
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ (seed >> 1)) &* 0x9E37_79B9_7F4A_7C15 &+ seed) >> shift)
    }

    /// The id of `key` (non-zero), or `next` after storing it when it is new.
    mutating func id(_ key: UInt64, next: Int32) -> Int32 {
        let mask = keys.count - 1
        var index = slot(key)
        while true {
            let stored = keys[index]
            if stored == key { return values[index] }
            if stored == 0 { break }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = next
        count += 1
        if count * 2 > keys.count { grow() }
        return next
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        let mask = keys.count - 1
        for (position, key) in oldKeys.enumerated() where key != 0 {
            var index = slot(key)
            while keys[index] != 0 { index = (index + 1) & mask }
            keys[index] = key
            values[index] = oldValues[position]
        }
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
        keyIDs = []
        tokens = []
        sortedTokens = []
        keyIDs.reserveCapacity(count)
        tokens.reserveCapacity(count)
        sortedTokens.reserveCapacity(count)
        // The key and its words as bytes in reused buffers: no `String` per sentence or per word.
        var buffers = NormalizationBuffers()
        for text in texts {
            buffers.normalize(text)
            keyIDs.append(vocabulary.keyID(buffers.key))
            var ids: [Int32] = []
            ids.reserveCapacity(buffers.wordEnds.count)
            var start = 0
            for end in buffers.wordEnds {
                ids.append(vocabulary.id(buffers.words[start..<end]))
                start = end
            }
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
