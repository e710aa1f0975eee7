import Foundation
@testable import StetWeb
import Testing

@Suite("Memo")
struct MemoTests {
    @Test("a value is computed once and the oldest entries are evicted past the capacity")
    func memo() {
        let memo = Memo<Int>(capacity: 3)
        var computed = 0
        for key in ["a", "b", "a", "c", "a"] {
            _ = memo.value(for: key) { computed += 1; return key.count }
        }
        #expect(computed == 3)
        #expect(memo.count == 3)
        _ = memo.value(for: "d") { computed += 1; return 4 }
        #expect(memo.count == 3)
        _ = memo.value(for: "a") { computed += 1; return 1 }
        #expect(computed == 5, "a was the oldest and was evicted by d")
        for k in 0..<100 { _ = memo.value(for: "k\(k)") { k } }
        #expect(memo.count == 3)
    }

    @Test("pages reuse diffs: a feed after the diff pages computes no new diff")
    func siteReusesDiffs() throws {
        let (archive, directory) = try Fixtures.archive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = try StetSite(archive: archive)
        _ = site.respond(path: "/a/\(Fixtures.belgorodID)/diff/1..2")
        _ = site.respond(path: "/a/\(Fixtures.belgorodID)/diff/2..3")
        #expect(site.diffs.count == 2)
        _ = site.respond(path: "/a/\(Fixtures.belgorodID)/feed.atom")
        #expect(site.diffs.count == 2)
    }
}
