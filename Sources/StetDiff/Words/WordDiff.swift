/// Word-level comparison of two sentences, for highlights inside edited sentences.
///
/// Tokens are runs of letters and digits, runs of whitespace, and single other characters, so
/// concatenating the tokens of each side rebuilds that side exactly. The alignment is a longest
/// common subsequence over the tokens, interned as integers (`SuffixLCS`: n·⌈m/64⌉ word operations).
public enum WordDiff {
    public enum Operation: String, Sendable, Hashable, Codable {
        case equal, inserted, deleted
    }

    public struct Span: Sendable, Hashable, Codable {
        public var operation: Operation
        public var text: String

        public init(_ operation: Operation, _ text: String) {
            self.operation = operation
            self.text = text
        }
    }

    /// The spans that turn `old` into `new`: `.equal` spans are shared, `.deleted` appear only in
    /// `old`, `.inserted` only in `new`. Adjacent spans of one operation are merged.
    /// - Complexity: O(n·⌈m/64⌉) in the token counts of the two sentences.
    public static func spans(old: String, new: String) -> [Span] {
        let a = tokens(old), b = tokens(new)
        let n = a.count, m = b.count
        if n == 0 && m == 0 { return [] }
        // Tokens as integers (equal ids exactly when the substrings are equal), so the table's
        // n·m comparisons compare integers rather than strings.
        var ids = TokenIDs()
        let x = a.map { ids.id($0) }
        let y = b.map { ids.id($0) }
        // table.length(i, j) = LCS length of a[i...] and b[j...].
        let table = SuffixLCS(x[...], y[...])
        var spans: [Span] = []
        func emit(_ operation: Operation, _ text: Substring) {
            if let last = spans.last, last.operation == operation {
                spans[spans.count - 1].text += text
            } else {
                spans.append(Span(operation, String(text)))
            }
        }
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, x[i] == y[j] {
                emit(.equal, a[i]); i += 1; j += 1
            } else if i < n, j == m || table.length(i + 1, j) >= table.length(i, j + 1) {
                emit(.deleted, a[i]); i += 1
            } else {
                emit(.inserted, b[j]); j += 1
            }
        }
        return spans
    }

    /// Interns tokens: equal ids exactly when the substrings are equal. A token of one to eight
    /// ASCII bytes (most words, spaces and symbols) is packed into an integer, where byte equality
    /// is string equality; others are looked up as substrings.
    private struct TokenIDs {
        private var packed: [UInt64: Int32] = [:]
        private var other: [Substring: Int32] = [:]
        private var count: Int32 = 0

        mutating func id(_ token: Substring) -> Int32 {
            if token.utf8.allSatisfy({ $0 < 0x80 }), let value = ByteHash.pack(token.utf8) {
                if let id = packed[value] { return id }
                packed[value] = count
                count += 1
                return count - 1
            }
            if let id = other[token] { return id }
            other[token] = count
            count += 1
            return count - 1
        }
    }

    /// Splits text into word, whitespace and single-symbol tokens that concatenate back to it.
    ///
    /// An ASCII text is split on its bytes (for ASCII, a byte is a character, "\r\n" aside, which
    /// joins the same whitespace run either way); others by `Character`.
    public static func tokens(_ text: String) -> [Substring] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTokens(text) }
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        func kind(_ character: Character) -> Int {
            if character.isLetter || character.isNumber { return 0 }
            if character.isWhitespace { return 1 }
            return 2
        }
        while index < text.endIndex {
            let k = kind(text[index])
            var next = text.index(after: index)
            if k != 2 {
                while next < text.endIndex, kind(text[next]) == k { next = text.index(after: next) }
            }
            result.append(text[start..<next])
            start = next
            index = next
        }
        return result
    }

    private static func asciiTokens(_ text: String) -> [Substring] {
        func kind(_ byte: UInt8) -> Int {
            if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) { return 0 }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return 1 }
            return 2
        }
        let utf8 = text.utf8
        let bytes = Array(utf8)
        var result: [Substring] = []
        var start = 0
        var startIndex = text.startIndex
        while start < bytes.count {
            let k = kind(bytes[start])
            var next = start + 1
            if k != 2 {
                while next < bytes.count, kind(bytes[next]) == k { next += 1 }
            }
            let endIndex = utf8.index(startIndex, offsetBy: next - start)
            result.append(text[startIndex..<endIndex])
            start = next
            startIndex = endIndex
        }
        return result
    }
}
