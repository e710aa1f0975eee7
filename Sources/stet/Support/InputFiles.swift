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

    /// Whether a file is an HTML page rather than plain text: `.htm`/`.html`/`.xhtml` files, and
    /// files whose first non-whitespace byte (after a byte-order mark) is `<`.
    static func looksLikeHTML(_ bytes: [UInt8], path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") || lowered.hasSuffix(".xhtml") { return true }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) }
        return first == UInt8(ascii: "<")
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
