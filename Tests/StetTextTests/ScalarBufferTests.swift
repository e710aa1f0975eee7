import Testing
@testable import StetText

/// The boundary scanner's skip to the next terminator: eight bytes at a time on an ASCII
/// paragraph, one scalar at a time on decoded scalars. Both must stop at the same place.
@Suite struct ScalarBufferTests {
    @Test func asciiSkipMatchesScalarSkip() {
        var generator = SystemRandomNumberGenerator()
        // Terminators, their neighbours in the byte table, and ordinary text.
        let alphabet = Array("abc XYZ 019.!?-/>,:;'\"\n\t".utf8)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let density = Int.random(in: 1...60, using: &generator)
            let bytes: [UInt8] = (0..<length).map { _ in
                Int.random(in: 0..<density, using: &generator) == 0
                    ? alphabet.randomElement(using: &generator)!
                    : UInt8.random(in: 0x20...0x7E, using: &generator)
            }
            let scalars = bytes.map { Unicode.Scalar($0) }
            bytes.withUnsafeBufferPointer { buffer in
                let ascii = ASCIIScalars(bytes: buffer)
                for start in 0...length + 1 {
                    for end in [0, start, min(length, start + 3), min(length, start + 9), length] {
                        #expect(
                            ascii.firstCandidate(from: start, to: end) == scalars.firstCandidate(from: start, to: end),
                            "\(String(decoding: bytes, as: UTF8.self)) from \(start) to \(end)")
                    }
                }
            }
        }
    }

    @Test func skipStopsAtEachTerminatorAndNowhereElse() {
        let text = Array("No stop here, then one. Two? Three!".utf8)
        text.withUnsafeBufferPointer { buffer in
            let ascii = ASCIIScalars(bytes: buffer)
            var stops: [Int] = []
            var i = 0
            while true {
                i = ascii.firstCandidate(from: i, to: text.count)
                if i >= text.count { break }
                stops.append(i)
                i += 1
            }
            #expect(stops.map { Character(Unicode.Scalar(text[$0])) } == [".", "?", "!"])
            #expect(stops == [22, 27, 34])
        }
    }

    @Test func whiteSpaceListMatchesTheUnicodeProperty() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isWhiteSpaceProperty != scalar.properties.isWhitespace { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { String($0, radix: 16) })")
    }
}
