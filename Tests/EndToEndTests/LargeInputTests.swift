import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Very large inputs through the built binary: a result, no crash, and memory that stays within a
/// small multiple of the input.
@Suite("Large inputs")
struct LargeInputTests {
    /// The largest resident set of any child process that has ended (kilobytes → bytes).
    static func peakChildBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    @Test("a 50 MB page extracts completely, with bounded memory", .timeLimit(.minutes(5)))
    func fiftyMegabytePage() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let paragraph = "<p>The census counted every household in the district, street by street, over three weeks of work.</p>\n"
        let size = 50_000_000
        var html = "<html><head><title>Census</title></head><body><nav><a href=\"/\">Home</a></nav><article>"
        html.reserveCapacity(size + 1000)
        while html.utf8.count < size { html += paragraph }
        html += "</article></body></html>"
        let page = stet.directory.appendingPathComponent("census.html")
        try Data(html.utf8).write(to: page)
        let expected = (size - 120) / paragraph.utf8.count

        let result = try stet.run(["extract", page.path], archive: false)
        #expect(result.succeeded, "\(result.stderr.prefix(500))")
        let paragraphs = result.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(paragraphs.count >= expected)
        #expect(paragraphs.allSatisfy { $0.hasPrefix("The census counted every household") })
        #expect(!result.stdout.contains("Home"))
        // Bounded: a few times the page (about 12× with this build), far from exhausting the machine.
        let peak = Self.peakChildBytes()
        #expect(peak < 30 * size, "peak resident memory \(peak / 1_000_000) MB for a \(size / 1_000_000) MB page")
    }
}
