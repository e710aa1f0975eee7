internal import CLibgit2

/// A git object name: 20 bytes of SHA-1, written as 40 lowercase hex digits.
///
/// Our own value type, so that no libgit2 type appears in the public API.
public struct ObjectID: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// The 40 hex digits.
    public let hex: String

    /// Parses 40 hex digits (either case); returns nil for anything else.
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 40, lower.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            return nil
        }
        self.hex = lower
    }

    /// Builds an id from its 20 raw bytes; returns nil when there are not exactly 20.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 20 else { return nil }
        self.hex = Self.hexDigits(bytes)
    }

    private static func hexDigits(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The 20 raw bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20)
        var high: UInt8 = 0
        for (index, char) in hex.utf8.enumerated() {
            let value = char <= 57 ? char - 48 : char - 87
            if index % 2 == 0 { high = value } else { out.append(high << 4 | value) }
        }
        return out
    }

    /// The first seven hex digits, as `git log --oneline` shows them.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

    init(_ oid: git_oid) {
        var copy = oid
        // A git_oid holds exactly 20 bytes.
        self.hex = Self.hexDigits(withUnsafeBytes(of: &copy.id) { Array($0) })
    }

    var oid: git_oid {
        var oid = git_oid()
        let raw = bytes
        withUnsafeMutableBytes(of: &oid.id) { buffer in
            for index in 0..<20 { buffer[index] = raw[index] }
        }
        return oid
    }
}
