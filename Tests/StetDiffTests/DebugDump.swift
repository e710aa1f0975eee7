import Foundation
import StetDiff
import StetText
import Testing

@Test func debugDump() throws {
    let (old, new) = try SeedTests.versions()
    for q in Differ().quotations(in: new) { print("Q", q.sentences, q.speaker ?? "-", q.text.prefix(60)) }
    let diff = Differ().diff(old: old, new: new)
    print(diff.summary)
    let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try enc.encode(diff.changes), as: UTF8.self))
}
