// A string's Unicode scalars as an array, decoded in one pass.
//
// `Array(text.unicodeScalars)` walks the UTF-8 twice (to count, then to copy) through the generic
// view; the segmenter and the quote and word scanners need random access to every scalar of every
// paragraph or sentence, so this decodes the bytes straight into the array, widening eight ASCII
// bytes at a time.
//
// Complexity: O(n) in the length of the string.

extension String {
    /// The scalars of the string: its UTF-8 (valid, as every `String`'s) decoded straight into the
    /// array. One byte is one scalar in ASCII text, and news text is mostly ASCII with a few curly
    /// quotes and dashes.
    public var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                count = 0
                guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
                let n = bytes.count
                var i = 0
                var k = 0
                while i < n {
                    // Eight ASCII bytes at a time: widened to scalars as one vector.
                    while i + 8 <= n {
                        let word = UInt64(littleEndian: UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self))
                        guard word & 0x8080_8080_8080_8080 == 0 else { break }
                        let wide = SIMD8<UInt32>(truncatingIfNeeded: SIMD8<UInt8>(
                            UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8),
                            UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 24),
                            UInt8(truncatingIfNeeded: word >> 32), UInt8(truncatingIfNeeded: word >> 40),
                            UInt8(truncatingIfNeeded: word >> 48), UInt8(truncatingIfNeeded: word >> 56)))
                        UnsafeMutableRawPointer(target + k).storeBytes(of: wide, as: SIMD8<UInt32>.self)
                        i += 8
                        k += 8
                    }
                    if i == n { break }
                    let lead = UInt32(source[i])
                    var value: UInt32
                    if lead < 0x80 {
                        value = lead
                        i += 1
                    } else if lead < 0xE0, i + 1 < n {
                        value = (lead & 0x1F) << 6 | (UInt32(source[i + 1]) & 0x3F)
                        i += 2
                    } else if lead < 0xF0, i + 2 < n {
                        value = (lead & 0x0F) << 12 | (UInt32(source[i + 1]) & 0x3F) << 6 | (UInt32(source[i + 2]) & 0x3F)
                        i += 3
                    } else if i + 3 < n {
                        value = (lead & 0x07) << 18 | (UInt32(source[i + 1]) & 0x3F) << 12 | (UInt32(source[i + 2]) & 0x3F) << 6
                            | (UInt32(source[i + 3]) & 0x3F)
                        i += 4
                    } else {
                        value = 0xFFFD
                        i = n
                    }
                    (target + k).initialize(to: Unicode.Scalar(value) ?? "\u{FFFD}")
                    k += 1
                }
                count = k
            }
        }
    }
}
