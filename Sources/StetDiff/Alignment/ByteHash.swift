// A fast 64-bit hash of a byte string, for the differ's tables of blocks and keys.
//
// Reasoning. `Hasher.combine(bytes:)` (SipHash-1-3) costs ~12 instructions a byte here; the differ
// hashes every block and every sentence key of both versions, so that was a tenth of a diff. This
// hash reads eight bytes at a time and mixes with one multiply, ~1.5 instructions a byte. Tables
// still compare the bytes on a hash match, so a collision costs time, never a wrong answer; the
// per-process random seed keeps crafted input from predicting collisions.
//
// Complexity: O(n) in the number of bytes.

enum ByteHash {
    private static let seed = UInt64.random(in: 0...UInt64.max) | 1

    /// The hash of `bytes`.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var h = seed ^ (UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        while i + 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 32
        h = h &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 29)
    }

    /// Whether two byte strings are equal, eight bytes at a time.
    @inline(__always)
    static func equal(_ p: UnsafeRawBufferPointer, _ q: UnsafeRawBufferPointer) -> Bool {
        guard p.count == q.count else { return false }
        let n = p.count
        var i = 0
        while i + 8 <= n {
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) != q.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if p[i] != q[i] { return false }
            i += 1
        }
        return true
    }

    /// One to eight bytes, none of them zero, packed into an integer (one-to-one on such byte
    /// strings, so equal integers mean equal bytes); nil for other byte strings.
    @inline(__always)
    static func pack<C: Collection<UInt8>>(_ bytes: C) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var packed: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            guard byte != 0 else { return nil }
            packed |= UInt64(byte) << shift
            shift += 8
        }
        return packed
    }
}

extension String {
    /// The string's UTF-8 bytes, for `ByteHash` (a native string is read in place).
    func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        var text = self
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
