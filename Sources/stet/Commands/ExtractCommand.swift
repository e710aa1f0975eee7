import ArgumentParser
import Foundation
import StetExtract

/// `stet extract FILE|URL [--format text|json] [--rules FILE]`: prints the article of a page.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the article from a saved page or a URL.",
        discussion: "text prints the body, paragraphs separated by blank lines; json prints title, byline, dates, canonicalURL, siteName, language, paragraphs and text (missing values are null)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A file path, or an http(s) URL to fetch once.")
    var source: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "A site rules file ('HOST: include|exclude SELECTOR' lines).")
    var rules: String?

    @Option(help: "The page's URL, when SOURCE is a file (for site rules and relative links).")
    var url: String?

    func run() async throws {
        do {
            let extractor: Extractor
            if let rules {
                guard let data = FileManager.default.contents(atPath: rules) else { throw CommandFailure("cannot read rules file \(rules)") }
                do {
                    extractor = Extractor(rules: try SiteRules(parsing: String(decoding: data, as: UTF8.self)))
                } catch {
                    throw CommandFailure("rules file \(rules): \(error.message)")
                }
            } else {
                extractor = Extractor()
            }
            let (bytes, pageURL, contentType) = try await load()
            let article: ExtractedArticle
            do {
                article = try extractor.extract(html: bytes, url: pageURL, contentType: contentType)
            } catch {
                throw CommandFailure("\(source): \(error.description)")
            }
            switch format {
            case .text:
                print(article.text)
            case .json:
                print(try Self.json(article))
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data(("stet extract: " + failure.message + "\n").utf8))
            throw ExitCode.failure
        }
    }

    private func load() async throws -> ([UInt8], String?, String?) {
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            guard let remote = URL(string: source) else { throw CommandFailure("not a valid URL: \(source)") }
            do {
                let page = try await PageFetch.get(remote)
                return (page.body, url ?? page.finalURL.absoluteString, page.contentType)
            } catch {
                throw CommandFailure("\(error)")
            }
        }
        do {
            return (try InputFiles.read(source), url, nil)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// The JSON document: every key present, missing values as null.
    static func json(_ article: ExtractedArticle) throws -> String {
        func value(_ s: String?) -> Any { s ?? NSNull() }
        let object: [String: Any] = [
            "title": value(article.title), "byline": value(article.byline), "published": value(article.published),
            "modified": value(article.modified), "canonicalURL": value(article.canonicalURL), "siteName": value(article.siteName),
            "language": value(article.language), "paragraphs": article.blocks.map(\.text), "text": article.text,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// A one-line error for the user.
struct CommandFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
