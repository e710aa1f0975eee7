// A minimal gzip writer for tests (RFC 1951 fixed-Huffman blocks, RFC 1952 framing): literals,
// plus runs of one byte coded as length-258 matches at distance 1 — enough to make ordinary
// compressed pages and a gzip bomb (≈ 160× inflation) without a zlib binding.
//
// Complexity: O(n) in the uncompressed size described (runs cost one code per 258 bytes).

import Foundation

struct BitWriter {
    var bytes: [UInt8] = []
    private var current: UInt32 = 0
    private var count = 0

    /// Writes `n` bits of `value`, least significant first (as DEFLATE packs header and extra bits).
    mutating func write(_ value: UInt32, bits n: Int) {
        for i in 0..<n {
            current |= ((value >> UInt32(i)) & 1) << UInt32(count)
            count += 1
            if count == 8 {
                bytes.append(UInt8(current))
                current = 0
                count = 0
            }
        }
    }

    /// Writes a Huffman code of `n` bits, most significant bit first.
    mutating func writeCode(_ code: UInt32, bits n: Int) {
        var reversed: UInt32 = 0
        for i in 0..<n { reversed |= ((code >> UInt32(i)) & 1) << UInt32(n - 1 - i) }
        write(reversed, bits: n)
    }

    mutating func flush() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(current)) }
        count = 0
        current = 0
        return bytes
    }
}

enum Gzip {
    /// A piece of the uncompressed stream.
    enum Piece {
        case bytes([UInt8])
        case run(UInt8, count: Int)
    }

    static func compress(_ data: [UInt8]) -> [UInt8] { compress([.bytes(data)]) }

    /// Compresses `pieces`; `checksum: false` writes a zero CRC (for bombs whose end is never read,
    /// where checksumming hundreds of megabytes would only slow the test).
    static func compress(_ pieces: [Piece], checksum: Bool = true) -> [UInt8] {
        var w = BitWriter()
        w.write(1, bits: 1)  // BFINAL
        w.write(1, bits: 2)  // BTYPE = fixed Huffman
        var crc = CRC32()
        var size: UInt64 = 0
        func literal(_ b: UInt8) {
            if b < 144 { w.writeCode(0x30 + UInt32(b), bits: 8) } else { w.writeCode(0x190 + UInt32(b) - 144, bits: 9) }
        }
        for piece in pieces {
            switch piece {
            case .bytes(let data):
                for b in data { literal(b) }
                crc.update(data)
                size += UInt64(data.count)
            case .run(let b, let n):
                guard n > 0 else { continue }
                literal(b)
                var left = n - 1
                while left >= 258 {
                    w.writeCode(0xC0 + 5, bits: 8)  // length code 285 = 258
                    w.writeCode(0, bits: 5)          // distance code 0 = 1
                    left -= 258
                }
                for _ in 0..<left { literal(b) }
                if checksum { crc.update(repeating: b, count: n) }
                size += UInt64(n)
            }
        }
        w.writeCode(0, bits: 7)  // end of block (256)
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        out += w.flush()
        let c = checksum ? crc.value : 0
        out += [UInt8(c & 0xFF), UInt8((c >> 8) & 0xFF), UInt8((c >> 16) & 0xFF), UInt8(c >> 24)]
        let s = UInt32(truncatingIfNeeded: size)
        out += [UInt8(s & 0xFF), UInt8((s >> 8) & 0xFF), UInt8((s >> 16) & 0xFF), UInt8(s >> 24)]
        return out
    }
}

struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    private var crc: UInt32 = 0xFFFF_FFFF

    mutating func update(_ data: [UInt8]) {
        for b in data { crc = Self.table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
    }

    mutating func update(repeating b: UInt8, count: Int) {
        for _ in 0..<count { crc = Self.table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
    }

    var value: UInt32 { crc ^ 0xFFFF_FFFF }
}
