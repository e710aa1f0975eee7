import StetText

/// One side of a comparison, segmented and normalized once: every later stage reads these arrays.
///
/// Each sentence gets its comparison key (an interned id, so equality is an integer compare). Its
/// word tokens (interned ids, and the same ids sorted for linear-time multiset intersection) are
/// made on first use from the key by the `Vocabulary` the sides share, once per distinct key: the
/// aligner pins most sentences of an update by key alone, so the words of unchanged sentences are
/// never split or interned. Building both sides costs O(total characters).
struct PreparedSide: Sendable {
    var texts: [String]
    var keyIDs: [Int]
    /// Block index of each sentence.
    var blockOf: [Int]
    /// Role of each sentence's block.
    var roles: [BlockRole]
    /// Sentence ranges of each block.
    var blocks: [SegmentedDocument.BlockSpan]
    /// The note kind of each block's first sentence (`NoteRecognizer`), nil for ordinary text or a
    /// metadata block; made once per distinct block.
    var blockNotes: [NoteFacet.Kind?]

    var count: Int { texts.count }

    func isMetadata(_ index: Int) -> Bool { roles[index].isMetadata }
}

/// UTF-8 bytes as a dictionary key, hashed once with `ByteHash` and compared byte for byte. A
/// lookup can use a slice of a scratch buffer; stored keys are copied out of it.
struct ByteString: Hashable {
    var bytes: ArraySlice<UInt8>
    let hashValue64: UInt64

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        hashValue64 = bytes.withUnsafeBytes { ByteHash.hash($0) }
    }

    /// Bytes whose hash is already known (`ByteHash.hash` of the same bytes).
    init(bytes: ArraySlice<UInt8>, hash: UInt64) {
        self.bytes = bytes
        hashValue64 = hash
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hashValue64)
    }

    static func == (a: ByteString, b: ByteString) -> Bool {
        a.hashValue64 == b.hashValue64 && a.bytes.withUnsafeBytes { p in b.bytes.withUnsafeBytes { q in ByteHash.equal(p, q) } }
    }
}

/// Interns words and comparison keys (as UTF-8 bytes) into small integer ids shared by both sides
/// of a comparison, and splits a key into word ids the first time they are asked for. Only a word
/// seen for the first time becomes a `String`. A reference type: both sides and the classifier
/// read and fill the same tables during one comparison (never shared between threads).
final class Vocabulary {
    /// The tables, in a struct: each call below is one exclusive access to them (the class's own
    /// stored properties would be checked at every read and write, ten times a key lookup).
    private var tables = Tables()

    init() {}

    /// Every interned word, by id.
    var words: [String] { tables.words }

    /// Whether each word is all ASCII, by id.
    var wordIsASCII: [Bool] { tables.wordIsASCII }

    /// Room for about `count` keys without rehashing.
    func reserveKeys(_ count: Int) { tables.reserveKeys(count) }

    /// How many distinct keys have ids (every key id is below it).
    var keyCount: Int { tables.keyCount }

    /// The ids of the keys `sentences` of some keys made before (`bytes` one after another, key
    /// `k` ending at `ends[k]`, with its `ByteHash` in `hashes`), appended to `ids` (one access to
    /// the tables for all of them).
    func appendKeyIDs(bytes: [UInt8], ends: [Int], hashes: [UInt64], of sentences: Range<Int>, to ids: inout [Int]) {
        tables.appendKeyIDs(bytes: bytes, ends: ends, hashes: hashes, of: sentences, to: &ids)
    }

    /// The word ids of the key with id `keyID` (its lowercased letter-and-digit runs), made once.
    func tokens(ofKey keyID: Int) -> (inOrder: [Int32], sorted: [Int32]) { tables.tokens(ofKey: keyID) }

    /// The words and the word ids of the keys made so far, as they stand now.
    var frozen: FrozenVocabulary { tables.frozen }

    private struct Tables {
        /// Words longer than 8 bytes (room made at once: growing the table from empty rehashed it
        /// at every doubling).
        private var ids: [ByteString: Int32] = Dictionary(minimumCapacity: 128)
        /// Words of at most 8 bytes, packed into an integer (words hold no zero byte, so the packing
        /// is one-to-one): most words, looked up without hashing a buffer.
        private var shortIDs = PackedTable()
        private(set) var words: [String] = []
        /// Whether each word is all ASCII, by id.
        private(set) var wordIsASCII: [Bool] = []
        /// Open addressing from a key's `ByteHash` to its id (-1: empty slot), linear probing, at most
        /// half full; a hash match is confirmed on the bytes. No `Dictionary`: a key is hashed once and
        /// neither hashed again by `Hasher` nor wrapped in a reference-counted slice.
        private var keySlots = [Int32](repeating: -1, count: 256)
        /// The bytes of every key one after another (key `id` ends at `keyEnds[id]`), and the hash of
        /// each key, by key id: one buffer instead of an array per key.
        private var keyBytes: [UInt8] = []
        private var keyEnds: [Int] = []
        private var keyHashes: [UInt64] = []
        /// The word ids of each key, in order and sorted, once asked for.
        private var tokensOfKey: [(inOrder: [Int32], sorted: [Int32])?] = []
        private var buffers = NormalizationBuffers()
        /// A word longer than 8 bytes, lowercased, while it is looked up.
        private var longWord: [UInt8] = []

        private mutating func appendWord(_ word: ArraySlice<UInt8>) {
            words.append(String(decoding: word, as: UTF8.self))
            wordIsASCII.append(word.allSatisfy { $0 < 0x80 })
        }

        mutating func id(_ word: ArraySlice<UInt8>) -> Int32 {
            if let packed = ByteHash.pack(word) {
                let id = shortIDs.id(packed, next: Int32(words.count))
                if id == Int32(words.count) { appendWord(word) }
                return id
            }
            let lookup = ByteString(bytes: word)
            if let id = ids[lookup] { return id }
            let id = Int32(words.count)
            ids[ByteString(bytes: ArraySlice(Array(word)), hash: lookup.hashValue64)] = id
            appendWord(word)
            return id
        }

        mutating func reserveKeys(_ count: Int) {
            keyEnds.reserveCapacity(count)
            keyBytes.reserveCapacity(128 * count)
            keyHashes.reserveCapacity(count)
            tokensOfKey.reserveCapacity(count)
            var size = keySlots.count
            while size < 2 * count { size *= 2 }
            if size > keySlots.count { rebuildKeySlots(size) }
        }

        /// The id of the key `key` (UTF-8 bytes), whose `ByteHash` is `hash`, made the first time it is seen.
        mutating func keyID(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int {
            let mask = keySlots.count - 1
            var slot = Int(truncatingIfNeeded: hash >> 32) & mask
            while true {
                let id = Int(keySlots[slot])
                if id < 0 { break }
                if keyHashes[id] == hash, keyBytes[keyRange(id)].withUnsafeBytes({ ByteHash.equal(key, $0) }) {
                    return id
                }
                slot = (slot + 1) & mask
            }
            let id = keyEnds.count
            keySlots[slot] = Int32(id)
            keyBytes.append(contentsOf: key.assumingMemoryBound(to: UInt8.self))
            keyEnds.append(keyBytes.count)
            keyHashes.append(hash)
            tokensOfKey.append(nil)
            if 2 * keyEnds.count > keySlots.count { rebuildKeySlots(2 * keySlots.count) }
            return id
        }

        mutating func appendKeyIDs(bytes: [UInt8], ends: [Int], hashes: [UInt64], of sentences: Range<Int>, to ids: inout [Int]) {
            bytes.withUnsafeBytes { all in
                for k in sentences {
                    let key = UnsafeRawBufferPointer(rebasing: all[(k == 0 ? 0 : ends[k - 1])..<ends[k]])
                    ids.append(keyID(key, hash: hashes[k]))
                }
            }
        }

        var keyCount: Int { keyEnds.count }

        private func keyRange(_ id: Int) -> Range<Int> {
            (id == 0 ? 0 : keyEnds[id - 1])..<keyEnds[id]
        }

        private mutating func rebuildKeySlots(_ size: Int) {
            keySlots = [Int32](repeating: -1, count: size)
            let mask = size - 1
            for (id, hash) in keyHashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash >> 32) & mask
                while keySlots[slot] >= 0 { slot = (slot + 1) & mask }
                keySlots[slot] = Int32(id)
            }
        }

        var frozen: FrozenVocabulary {
            FrozenVocabulary(words: words, wordIsASCII: wordIsASCII, tokensOfKey: tokensOfKey)
        }

        mutating func tokens(ofKey keyID: Int) -> (inOrder: [Int32], sorted: [Int32]) {
            if let known = tokensOfKey[keyID] { return known }
            let range = keyRange(keyID)
            var ids: [Int32] = []
            if !appendASCIIWordIDs(of: range, to: &ids) {
                buffers.setKey(keyBytes[range])
                ids.reserveCapacity(buffers.wordEnds.count)
                var start = 0
                for end in buffers.wordEnds {
                    ids.append(id(buffers.words[start..<end]))
                    start = end
                }
            }
            let made = (inOrder: ids, sorted: ids.sorted())
            tokensOfKey[keyID] = made
            return made
        }

        /// The ids of the words of the key at `range` of `keyBytes`, appended to `ids`, when the
        /// key is all ASCII (almost every key): its words are its runs of ASCII letters and digits,
        /// lowercased (what `NormalizationBuffers` makes of it), read in place, and one of at most
        /// 8 bytes is packed as it is read. False, with nothing appended, for any other key.
        private mutating func appendASCIIWordIDs(of range: Range<Int>, to ids: inout [Int32]) -> Bool {
            // A second reference to the key bytes (no copy: they are not written here), read through
            // one buffer pointer while the word tables change.
            let all = keyBytes
            return all.withUnsafeBufferPointer { all in
                let key = UnsafeBufferPointer(rebasing: all[range])
                guard key.isASCII else { return false }
                @inline(__always) func isWordByte(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26 }
                @inline(__always) func lowercased(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
                // At most one word every two bytes.
                ids.reserveCapacity(ids.count + (key.count + 1) / 2)
                var i = 0
                while i < key.count {
                    guard isWordByte(key[i]) else {
                        i += 1
                        continue
                    }
                    var end = i + 1
                    while end < key.count, isWordByte(key[end]) { end += 1 }
                    if end - i <= 8 {
                        // Packed as `ByteHash.pack` packs the lowercased bytes.
                        var packed: UInt64 = 0
                        for k in i..<end { packed |= UInt64(lowercased(key[k])) << UInt64(8 * (k - i)) }
                        let id = shortIDs.id(packed, next: Int32(words.count))
                        if id == Int32(words.count) {
                            words.append(withUnsafeBytes(of: packed.littleEndian) { String(decoding: $0.prefix(end - i), as: UTF8.self) })
                            wordIsASCII.append(true)
                        }
                        ids.append(id)
                    } else {
                        longWord.removeAll(keepingCapacity: true)
                        for k in i..<end { longWord.append(lowercased(key[k])) }
                        ids.append(id(longWord[...]))
                    }
                    i = end
                }
                return true
            }
        }
    }
}

/// A `Vocabulary`'s tables at one moment, read-only: what the classifier reads (from two threads,
/// for a large comparison), once the word ids of every key it needs are made.
struct FrozenVocabulary: Sendable {
    /// Every word, by id.
    let words: [String]
    /// Whether each word is all ASCII, by id.
    let wordIsASCII: [Bool]
    fileprivate let tokensOfKey: [(inOrder: [Int32], sorted: [Int32])?]

    /// No words.
    init() {
        self.init(words: [], wordIsASCII: [], tokensOfKey: [])
    }

    fileprivate init(words: [String], wordIsASCII: [Bool], tokensOfKey: [(inOrder: [Int32], sorted: [Int32])?]) {
        self.words = words
        self.wordIsASCII = wordIsASCII
        self.tokensOfKey = tokensOfKey
    }

    /// The word ids of the key with id `keyID`, in order; empty when they were not made before
    /// the vocabulary was frozen (`Classifier` and `Aligner` make them for every sentence they read).
    func tokens(ofKey keyID: Int) -> [Int32] {
        assert(tokensOfKey[keyID] != nil, "words of key \(keyID) read before they were made")
        return tokensOfKey[keyID]?.inOrder ?? []
    }

    /// The word ids of the key with id `keyID`, sorted (as `tokens(ofKey:)`).
    func sortedTokens(ofKey keyID: Int) -> [Int32] {
        assert(tokensOfKey[keyID] != nil, "words of key \(keyID) read before they were made")
        return tokensOfKey[keyID]?.sorted ?? []
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
    /// Prepares one version on its own.
    init(_ document: Document, segmenter: Segmenter, vocabulary: Vocabulary) {
        let work = [SentencesOfBlocks([document.blocks[...]], segmenter: segmenter)]
        var reader = SentencesOfBlocks.Reader(work)
        self.init(document, vocabulary: vocabulary, reader: &reader, sharing: nil)
    }

    /// Prepares two versions. A block of `new` whose role and text (byte for byte) equal a block of
    /// `old` takes that block's sentences, keys and note kind instead of segmenting and normalizing
    /// its text again: an update leaves most paragraphs as they were, so this halves the work. The
    /// result is the same as preparing each side on its own (both are pure functions of a block's
    /// role and text, and the vocabulary maps equal keys to equal ids).
    ///
    /// The blocks to segment (every old block, the new blocks without an equal old one) are cut
    /// into sentences and keys first, with no shared state; with a `team`, in parts that the two
    /// threads take as they come free: runs of old blocks, and finding the equal blocks then
    /// segmenting the new blocks without one. The keys are then interned in block order, so the
    /// ids, and so the result, are the same either way.
    static func pair(
        _ old: Document, _ new: Document, segmenter: Segmenter, vocabulary: Vocabulary, team: Team? = nil
    ) -> (PreparedSide, PreparedSide) {
        // About three sentences a block, most of them distinct.
        vocabulary.reserveKeys(3 * (old.blocks.count + new.blocks.count))
        guard let team, old.blocks.count > 1 else {
            let (equalOld, unmatched) = equalBlocks(old, new)
            var reader = SentencesOfBlocks.Reader([SentencesOfBlocks([old.blocks[...], unmatched[...]], segmenter: segmenter)])
            let oldSide = PreparedSide(old, vocabulary: vocabulary, reader: &reader, sharing: nil)
            let newSide = PreparedSide(new, vocabulary: vocabulary, reader: &reader, sharing: (equalOld, oldSide))
            return (oldSide, newSide)
        }
        // The old blocks in runs of about equal size, and one task that finds the new blocks equal
        // to old ones, then segments the new blocks without one; the threads take the tasks as they
        // come free, and the calling thread reads the runs in order as they are done (`Team.stream`).
        let runs = Self.runs(of: old.blocks, count: 8)
        let task: @Sendable (Int) -> (SentencesOfBlocks, [Int]) = { task in
            guard task > 0 else {
                let (equal, unmatched) = equalBlocks(old, new)
                return (SentencesOfBlocks([unmatched[...]], segmenter: segmenter), equal)
            }
            return (SentencesOfBlocks([old.blocks[runs[task - 1]]], segmenter: segmenter), [])
        }
        return team.stream(runs.count + 1, task) { part in
            withoutActuallyEscaping(part) { part in
                var next = 1
                var reader = SentencesOfBlocks.Reader {
                    guard next <= runs.count else { return nil }
                    defer { next += 1 }
                    return part(next).0
                }
                let oldSide = PreparedSide(old, vocabulary: vocabulary, reader: &reader, sharing: nil)
                let (newBlocks, equalOld) = part(0)
                var newReader = SentencesOfBlocks.Reader([newBlocks])
                let newSide = PreparedSide(new, vocabulary: vocabulary, reader: &newReader, sharing: (equalOld, oldSide))
                return (oldSide, newSide)
            }
        }
    }

    /// `blocks` cut into at most `count` runs of consecutive blocks with about as many bytes each.
    private static func runs(of blocks: [Block], count: Int) -> [Range<Int>] {
        var total = 0
        for block in blocks { total += block.text.utf8.count }
        var runs: [Range<Int>] = []
        var start = 0, bytes = 0
        for (index, block) in blocks.enumerated() {
            bytes += block.text.utf8.count
            // The run ends once the blocks so far hold their share of the bytes; the last takes the rest.
            if (runs.count < count - 1 && bytes * count >= total * (runs.count + 1)) || index == blocks.count - 1 {
                runs.append(start..<index + 1)
                start = index + 1
            }
        }
        return runs
    }

    /// The old block equal to each new block (`BlockMatch`), or -1; and the new blocks without one.
    private static func equalBlocks(_ old: Document, _ new: Document) -> (equalOld: [Int], unmatched: [Block]) {
        let match = BlockMatch(old.blocks, new.blocks)
        var equalOld = [Int](repeating: -1, count: new.blocks.count)
        var unmatched: [Block] = []
        for (index, block) in new.blocks.enumerated() {
            if let found = match.index(ofNew: index, block) { equalOld[index] = found } else { unmatched.append(block) }
        }
        return (equalOld, unmatched)
    }

    /// One side from the segmented blocks `reader` hands out in order (every block of `document`,
    /// or with `sharing`, those without an equal block on the other side, `equalOld[b] < 0`; the
    /// others are copied).
    private init(
        _ document: Document, vocabulary: Vocabulary, reader: inout SentencesOfBlocks.Reader,
        sharing: (equalOld: [Int], side: PreparedSide)?
    ) {
        let shared = sharing?.side
        // The other side's arrays, taken out once: binding the optional side per block copied it.
        let sharedTexts = shared?.texts ?? [], sharedKeyIDs = shared?.keyIDs ?? []
        let sharedBlocks = shared?.blocks ?? [], sharedNotes = shared?.blockNotes ?? []
        texts = []
        keyIDs = []
        blockOf = []
        roles = []
        blocks = []
        blockNotes = []
        // About as many sentences as the other side (an update), or three a block.
        let expected = max(shared.map { $0.count + 16 } ?? 0, 3 * document.blocks.count)
        texts.reserveCapacity(expected)
        keyIDs.reserveCapacity(expected)
        blockOf.reserveCapacity(expected)
        roles.reserveCapacity(expected)
        blocks.reserveCapacity(document.blocks.count)
        blockNotes.reserveCapacity(document.blocks.count)
        let equalOld = sharing?.equalOld
        // Where each block of a run read from `reader` ends among the sentences.
        var ends: [Int] = []
        var blockIndex = 0
        while blockIndex < document.blocks.count {
            let first = texts.count
            if let equalOld, equalOld[blockIndex] >= 0 {
                // A run of blocks equal to consecutive old blocks (most of an update), copied at once.
                let firstOld = equalOld[blockIndex]
                var end = blockIndex + 1
                while end < document.blocks.count, equalOld[end] == firstOld + (end - blockIndex) { end += 1 }
                let lastOld = firstOld + (end - blockIndex) - 1
                let range = sharedBlocks[firstOld].sentences.lowerBound..<sharedBlocks[lastOld].sentences.upperBound
                texts.append(contentsOf: sharedTexts[range])
                keyIDs.append(contentsOf: sharedKeyIDs[range])
                blockNotes.append(contentsOf: sharedNotes[firstOld...lastOld])
                for offset in 0..<(end - blockIndex) {
                    let sentences = sharedBlocks[firstOld + offset].sentences
                    let shift = first - range.lowerBound
                    appendBlock(blockIndex + offset, document.blocks[blockIndex + offset].role, (sentences.lowerBound + shift)..<(sentences.upperBound + shift))
                }
                blockIndex = end
                continue
            }
            // A run of blocks to read, taken at once.
            var end = blockIndex + 1
            while end < document.blocks.count, equalOld.map({ $0[end] < 0 }) ?? true { end += 1 }
            ends.removeAll(keepingCapacity: true)
            reader.take(end - blockIndex, texts: &texts, keyIDs: &keyIDs, notes: &blockNotes, ends: &ends, vocabulary: vocabulary)
            var start = first
            for (offset, sentenceEnd) in ends.enumerated() {
                appendBlock(blockIndex + offset, document.blocks[blockIndex + offset].role, start..<sentenceEnd)
                start = sentenceEnd
            }
            blockIndex = end
        }
    }

    /// Records block `index` (of `role`) as holding `sentences`.
    private mutating func appendBlock(_ index: Int, _ role: BlockRole, _ sentences: Range<Int>) {
        // One element at a time: a block has a few sentences, and appending a `repeatElement`
        // collection costs more than the loop.
        for _ in sentences {
            blockOf.append(index)
            roles.append(role)
        }
        blocks.append(.init(role: role, sentences: sentences))
    }
}

/// Some blocks cut into sentences, with each sentence's comparison key (bytes and hash) and each
/// block's note kind: all of preparing a block that needs no vocabulary. A pure function of the
/// blocks, so two threads can each make one.
struct SentencesOfBlocks: Sendable {
    private var texts: [String] = []
    /// Where each block's sentences end in `texts`.
    private var blockEnds: [Int] = []
    private var notes: [NoteFacet.Kind?] = []
    /// The keys one after another (sentence `k`'s ends at `keyEnds[k]`), and their `ByteHash`es.
    /// While blocks are added, `keyBytes` is longer: the keys end at `keyEnds.last`.
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    private var keyHashes: [UInt64] = []

    private init() {}

    /// The blocks of `runs`, one run after another.
    init(_ runs: [ArraySlice<Block>], segmenter: Segmenter) {
        // About three sentences a block; keys are about as long as their text.
        var count = 0, length = 0
        for run in runs {
            count += run.count
            for block in run { length += block.text.utf8.count }
        }
        texts.reserveCapacity(3 * count)
        keyEnds.reserveCapacity(3 * count)
        keyHashes.reserveCapacity(3 * count)
        blockEnds.reserveCapacity(count)
        notes.reserveCapacity(count)
        // Room for every key at once (a key is never longer than its sentence): cut to size at the end.
        keyBytes = [UInt8](repeating: 0, count: length)
        // The segmenter's output and scratch arrays, reused from block to block.
        var spans: [Segmenter.SentenceSpan] = []
        var segmentation = Segmenter.Buffers()
        for run in runs {
            for block in run { append(block, segmenter: segmenter, spans: &spans, segmentation: &segmentation) }
        }
        keyBytes.removeLast(keyBytes.count - (keyEnds.last ?? 0))
    }

    /// Segments one block and makes its sentences' keys.
    private mutating func append(
        _ block: Block, segmenter: Segmenter, spans: inout [Segmenter.SentenceSpan], segmentation: inout Segmenter.Buffers
    ) {
        let first = texts.count
        spans.removeAll(keepingCapacity: true)
        segmenter.appendSpans(of: block, to: &spans, buffers: &segmentation)
        for span in spans { texts.append(String(Substring(block.text.unicodeScalars[span.range]))) }
        for text in texts[first...] {
            let start = keyEnds.last ?? 0
            let end = NormalizationBuffers.writeKey(of: text, into: &keyBytes, at: start)
            keyEnds.append(end)
            keyHashes.append(keyBytes.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[start..<end])) })
        }
        blockEnds.append(texts.count)
        notes.append(block.role.isMetadata || first == texts.count ? nil : NoteRecognizer.kind(ofParagraphStartingWith: texts[first]))
    }

    /// Hands out the blocks of some `SentencesOfBlocks`, one after another.
    struct Reader {
        /// The next part, or nil after the last; asked for only when the blocks read so far need it.
        private let nextPart: () -> SentencesOfBlocks?
        /// The part being read (so that reading a block copies no array).
        private var current: SentencesOfBlocks
        private var block = 0

        /// Reads `parts`.
        init(_ parts: [SentencesOfBlocks]) {
            var rest = parts[...]
            self.init { rest.popFirst() }
        }

        /// Reads the parts `nextPart` returns, one after another, taking each when it is needed.
        init(_ nextPart: @escaping () -> SentencesOfBlocks?) {
            self.nextPart = nextPart
            current = SentencesOfBlocks()
        }

        /// Appends the sentences of the next `count` blocks to `texts`, their key ids to `keyIDs`,
        /// the blocks' note kinds to `notes`, and where each block ends in `texts` to `ends`.
        mutating func take(
            _ count: Int, texts: inout [String], keyIDs: inout [Int], notes: inout [NoteFacet.Kind?], ends: inout [Int],
            vocabulary: Vocabulary
        ) {
            var left = count
            while left > 0 {
                while block == current.blockEnds.count, let part = nextPart() {
                    current = part
                    block = 0
                }
                // As many of the blocks as this part holds, in one go.
                let taken = min(left, current.blockEnds.count - block)
                let sentences = (block == 0 ? 0 : current.blockEnds[block - 1])..<current.blockEnds[block + taken - 1]
                let offset = texts.count - sentences.lowerBound
                texts.append(contentsOf: current.texts[sentences])
                vocabulary.appendKeyIDs(bytes: current.keyBytes, ends: current.keyEnds, hashes: current.keyHashes, of: sentences, to: &keyIDs)
                notes.append(contentsOf: current.notes[block..<(block + taken)])
                for end in current.blockEnds[block..<(block + taken)] { ends.append(end + offset) }
                block += taken
                left -= taken
            }
        }
    }
}

/// Where each block of a new version has an equal block (role and text, byte for byte) in the old
/// one: the common leading and trailing runs by position, the rest through a `BlockTable` of the
/// old blocks between those runs.
private struct BlockMatch {
    private let prefix: Int
    private let suffix: Int
    private let oldCount: Int
    private let newCount: Int
    /// The old blocks from `prefix` to `oldCount - suffix`.
    private let middle: BlockTable?

    init(_ old: [Block], _ new: [Block]) {
        oldCount = old.count
        newCount = new.count
        let limit = min(old.count, new.count)
        var prefix = 0
        while prefix < limit && Self.equal(old[prefix], new[prefix]) { prefix += 1 }
        var suffix = 0
        while suffix < limit - prefix && Self.equal(old[old.count - 1 - suffix], new[new.count - 1 - suffix]) { suffix += 1 }
        self.prefix = prefix
        self.suffix = suffix
        let middleOld = old[prefix..<(old.count - suffix)]  // a slice: no block is copied
        middle = middleOld.isEmpty || prefix + suffix == new.count ? nil : BlockTable(middleOld)
    }

    /// The index of an old block equal to new block `index` (`block`), if one is known.
    func index(ofNew index: Int, _ block: Block) -> Int? {
        if index < prefix { return index }
        if index >= newCount - suffix { return oldCount - (newCount - index) }
        return middle?.index(of: block)
    }

    /// Same role and the same text, byte for byte.
    static func equal(_ a: Block, _ b: Block) -> Bool {
        guard a.role == b.role else { return false }
        return a.text.withUTF8Bytes { p in b.text.withUTF8Bytes { q in ByteHash.equal(p, q) } }
    }
}

/// Some blocks of one version by role and text, compared byte for byte (not by Unicode canonical
/// equivalence, which could pair texts that segment differently or differ in bytes): open
/// addressing over each text's `ByteHash`, linear probing, at most half full; the first of equal
/// blocks is the one found. Indices are the version's (the slice's own).
private struct BlockTable {
    private let blocks: ArraySlice<Block>
    /// By position in the slice.
    private let hashes: [UInt64]
    private var slots: [Int32]

    init(_ blocks: ArraySlice<Block>) {
        self.blocks = blocks
        hashes = blocks.map { Self.hash($0.text) }
        var size = 16
        while size < 2 * blocks.count { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for index in blocks.indices {
            let hash = hashes[index - blocks.startIndex]
            var slot = Int(truncatingIfNeeded: hash >> 32) & mask
            var duplicate = false
            while slots[slot] >= 0 {
                if matches(Int(slots[slot]), blocks[index], hash) {
                    duplicate = true
                    break
                }
                slot = (slot + 1) & mask
            }
            if !duplicate { slots[slot] = Int32(index) }
        }
    }

    /// The index of the first block with `block`'s role and text, if any.
    func index(of block: Block) -> Int? {
        let hash = Self.hash(block.text)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if matches(index, block, hash) { return index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private func matches(_ index: Int, _ block: Block, _ hash: UInt64) -> Bool {
        hashes[index - blocks.startIndex] == hash && BlockMatch.equal(blocks[index], block)
    }

    private static func hash(_ text: String) -> UInt64 {
        text.withUTF8Bytes { ByteHash.hash($0) }
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
