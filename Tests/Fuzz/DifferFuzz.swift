// libFuzzer entry point for the semantic differ (built by `make fuzz`, see Tests/Fuzz/README.md).
//
// The input is split at its first NUL byte into an old and a new text (no NUL: the new text is
// the old one with its halves swapped, a large move). Checks beyond "no crash": every index a
// change names is a sentence of its side, a text compared with itself has no change, and the
// comparison run on two threads (`parallelBytes` 1: every input is large) gives the same diff.

import StetDiff
import StetText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiffer(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let oldBytes: ArraySlice<UInt8>, newBytes: [UInt8]
    if let split = bytes.firstIndex(of: 0) {
        oldBytes = bytes[..<split]
        newBytes = Array(bytes[(split + 1)...])
    } else {
        oldBytes = bytes[...]
        newBytes = Array(bytes[(bytes.count / 2)...] + bytes[..<(bytes.count / 2)])
    }
    let old = Document(plainText: String(decoding: oldBytes, as: UTF8.self))
    let new = Document(plainText: String(decoding: newBytes, as: UTF8.self))
    let differ = Differ()
    let diff = differ.diff(old: old, new: new)
    for change in diff.changes {
        precondition(change.old.allSatisfy(diff.sentences.old.indices.contains), "change names a missing old sentence")
        precondition(change.new.allSatisfy(diff.sentences.new.indices.contains), "change names a missing new sentence")
    }
    precondition(differ.diff(old: old, new: old).changes.isEmpty, "a text compared with itself changed")
    var parallel = DiffConfiguration.default
    parallel.parallelBytes = 1
    precondition(Differ(configuration: parallel).diff(old: old, new: new) == diff, "two threads gave another diff")
    return 0
}
