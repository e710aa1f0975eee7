import Foundation
import StetExtract

/// Paths for tests: the package root (walking up from this file) and the shared corpus beside it.
enum TestPaths {
    static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    }

    static var extractionCorpus: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/extraction")
    }
}

func extract(_ html: String, url: String? = nil, contentType: String? = nil) throws -> ExtractedArticle {
    try Extractor().extract(html: Array(html.utf8), url: url, contentType: contentType)
}

/// A paragraph of prose long enough to be scored as article text.
func prose(_ topic: String) -> String {
    "The \(topic) was discussed at length by officials, who said that the matter, which had been pending for months, would be settled soon, according to several people familiar with the talks."
}
