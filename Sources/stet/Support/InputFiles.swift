import Foundation
import StetExtract
import StetText

/// Reads article files given on the command line: HTML goes through the extractor, anything else is
/// plain text (paragraphs separated by blank lines).
enum InputFiles {
    /// The bytes of a file, with a one-line error naming the problem.
    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("no such file: \(path)")
        }
        guard !isDirectory.boolValue else { throw CLIError("\(path) is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path)")
        }
        return [UInt8](data)
    }

    /// Whether bytes look like an HTML page rather than plain text.
    static func looksLikeHTML(_ bytes: [UInt8], path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") || lowered.hasSuffix(".xhtml") { return true }
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        let trimmed = head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        return trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<head")
            || trimmed.hasPrefix("<body") || trimmed.hasPrefix("<article") || trimmed.hasPrefix("<p>")
    }

    /// The document in a file: extracted from HTML, or read as plain text.
    static func document(at path: String) throws -> Document {
        let bytes = try read(path)
        if looksLikeHTML(bytes, path: path) {
            do {
                return try Extractor().extract(html: bytes, url: nil, contentType: nil).document
            } catch {
                throw CLIError("\(path): \(error)")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIError("\(path) is not UTF-8 text or HTML")
        }
        return Document(plainText: text)
    }
}
