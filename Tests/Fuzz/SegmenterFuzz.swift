// libFuzzer entry point for the sentence segmenter (built by `make fuzz`, see Tests/Fuzz/README.md).
//
// Any bytes, read as UTF-8 (invalid sequences become U+FFFD), go through `Segmenter.segment` as a
// plain-text document. Checks beyond "no crash": every block's sentence range lies inside the
// sentence list, in order, and every sentence's UTF-8 range (when given) lies inside its block.

import StetText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSegmenter(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let document = Document(plainText: text)
    let segmented = Segmenter().segment(document)
    var next = 0
    for block in segmented.blocks {
        precondition(block.sentences.lowerBound == next, "block sentence ranges must tile the sentence list")
        precondition(block.sentences.upperBound <= segmented.sentences.count, "block range past the sentences")
        next = block.sentences.upperBound
    }
    precondition(next == segmented.sentences.count, "sentences outside every block")
    for sentence in segmented.sentences {
        precondition(!sentence.text.isEmpty, "empty sentence")
        precondition(document.blocks.indices.contains(sentence.block), "sentence names a missing block")
        if let range = sentence.utf8Range {
            precondition(range.upperBound <= document.blocks[sentence.block].text.utf8.count, "sentence range past its block")
        }
    }
    return 0
}
