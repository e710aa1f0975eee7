import Testing
import StetText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bad and big input: no crash, no hang, linear time.
@Suite("Robustness")
struct RobustnessTests {
    let segmenter = Segmenter()

    @Test("Empty and whitespace-only text give no sentence")
    func empty() {
        #expect(segmenter.sentences(in: "").isEmpty)
        #expect(segmenter.sentences(in: " \n\t\u{00A0} ").isEmpty)
        #expect(segmenter.segment(Document(blocks: [Block(.paragraph, "  "), Block(.headline, "")])).sentences.isEmpty)
    }

    @Test("Punctuation-only text is one sentence")
    func punctuationOnly() {
        #expect(segmenter.sentences(in: "...") == ["..."])
        #expect(segmenter.sentences(in: "?! .") == ["?! ."])
        #expect(segmenter.sentences(in: "\"") == ["\""])
    }

    @Test("Binary-looking input keeps every non-space scalar")
    func binaryLooking() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<50 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 400) {
                let pick = generator.next() % 10
                let value: UInt32
                switch pick {
                case 0: value = UInt32(generator.next() % 32)  // control characters, NUL
                case 1: value = [0x2E, 0x21, 0x3F, 0x20, 0x22, 0x27, 0x28, 0x29, 0x2022, 0x2026][Int(generator.next() % 10)]
                case 2: value = 0xFFFD
                case 3: value = UInt32(0x1F600 + generator.next() % 64)
                case 4: value = UInt32(0x0300 + generator.next() % 32)  // combining marks
                default: value = UInt32(0x20 + generator.next() % 95)
                }
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let text = String(scalars)
            if let problem = CoverageTests.violation(in: text) {
                Issue.record("random text \(text.debugDescription): \(problem)")
            }
        }
        let decoded = String(decoding: (0...255).map { UInt8($0) } + [0xC3, 0x28, 0xFF, 0x2E, 0x20, 0x41], as: UTF8.self)
        #expect(CoverageTests.violation(in: decoded) == nil)
    }

    @Test("Unbalanced quotes and brackets")
    func unbalanced() {
        #expect(segmenter.sentences(in: "\"He left. She stayed.") == ["\"He left.", "She stayed."])
        #expect(segmenter.sentences(in: "He left.\" She stayed.\"\"\" ((( It ended.") == ["He left.\"", "She stayed.\"\"\" ((( It ended."])
        #expect(segmenter.sentences(in: "Closing ) ] } first. Then (opening") == ["Closing ) ] } first.", "Then (opening"])
    }

    @Test("Pathological runs stay linear")
    func pathologicalRuns() {
        let dots = String(repeating: ". ", count: 50_000)
        #expect(segmenter.sentences(in: dots).count == 1)
        let abbreviations = String(repeating: "a.", count: 50_000) + " The end."
        #expect(segmenter.sentences(in: abbreviations).count == 2)
        let times = String(repeating: "At 5 a.m. Mr ", count: 10_000)
        #expect(!segmenter.sentences(in: times).isEmpty)
        let bullets = String(repeating: "• x ", count: 20_000)
        #expect(segmenter.sentences(in: bullets).count == 20_000)
        let bareBullets = String(repeating: "• ", count: 20_000)
        #expect(segmenter.sentences(in: bareBullets).count == 1)
        let oneToken = String(repeating: "x", count: 2_000_000) + ". Next."
        #expect(segmenter.sentences(in: oneToken).count == 2)
        let closers = "It ended." + String(repeating: "\")", count: 100_000) + " Then"
        #expect(segmenter.sentences(in: closers).count == 2)
    }

    @Test("20,000 sentences segment in well under a second", .timeLimit(.minutes(1)))
    func speed() {
        let sample = [
            "Mr. Smith said the U.S. economy grew 2.5% in Jan. 2024.",
            "\"Why?\" she asked.",
            "At 5 a.m. Dr. Jones left St. Louis for Washington, D.C.",
            "The deal is worth $1.5 billion, according to Apple Inc. officials...",
            "Update 1/3/24, 9:20 a.m. ET: This article was updated.",
        ]
        var text = ""
        for index in 0..<20_000 { text += sample[index % sample.count] + " " }
        // CPU time of this thread: other tests and other processes on a shared machine must not
        // make the bound flaky. The wall-clock bound only guards against a hang.
        let clock = ContinuousClock()
        var count = 0
        let cpuStart = Self.threadCPUSeconds()
        let elapsed = clock.measure { count = segmenter.sentences(in: text).count }
        let cpu = Self.threadCPUSeconds() - cpuStart
        #expect(count == 20_000)
        #expect(cpu < 0.5, "used \(cpu) s of CPU")
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    /// CPU seconds used so far by the calling thread.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// A tiny deterministic generator for reproducible random input.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The scanner's main loop skips ordinary scalars and finds the last letter before a cut lazily;
/// these pin the rules that depend on it.
@Suite("Boundary scanner paths")
struct ScannerPathTests {
    let segmenter = Segmenter()

    @Test("A bullet after a terminator run, closers or a reference mark starts an item")
    func bulletsAfterRuns() {
        #expect(segmenter.sentences(in: "Done!\" • Next item here") == ["Done!\"", "• Next item here"])
        #expect(segmenter.sentences(in: "It rose.[1] • Then it fell") == ["It rose.[1]", "• Then it fell"])
        #expect(segmenter.sentences(in: "1. First item 2. Second • bullet") == ["1. First item", "2. Second", "• bullet"])
    }

    @Test("A cut closes only a sentence that holds a letter or digit")
    func letterlessSentences() {
        #expect(segmenter.sentences(in: "\u{201C}… Dan said it. Then he left.") == ["\u{201C}… Dan said it.", "Then he left."])
        #expect(segmenter.sentences(in: "?! ?! Who knows. Not me.") == ["?! ?! Who knows.", "Not me."])
        #expect(segmenter.sentences(in: "\u{2022} \u{2022} Item one. Item two.") == ["\u{2022} \u{2022} Item one.", "Item two."])
    }

    @Test("Non-ASCII text in the fast loop: curly quotes, accents, the ellipsis character")
    func nonASCII() {
        #expect(segmenter.sentences(in: "Café owners left… Prices rose. \u{201C}Why?\u{201D} she asked.")
            == ["Café owners left…", "Prices rose.", "\u{201C}Why?\u{201D} she asked."])
    }
}
