// libFuzzer entry point for the HTML extractor (built by `make fuzz`, see Tests/Fuzz/README.md).
//
// Any bytes as a page: extraction either succeeds or throws an `ExtractionError`; it must not
// crash, and a success has a document whose blocks all carry text.

import StetExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtractor(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    if let article = try? Extractor().extract(html: bytes, url: "https://fuzz.example/a/b") {
        for block in article.blocks {
            precondition(!block.text.isEmpty, "extracted an empty block")
        }
    }
    return 0
}
