import ArgumentParser
import Foundation
import StetArchive
import StetWeb

/// `stet serve [--listen 127.0.0.1:8080] [--allow-remote] [--base-url URL]`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the archive as a web site, Atom feeds and a JSON API.",
        discussion: """
            Listens on 127.0.0.1:8080 by default. The server has no authentication, so it refuses an \
            address other than loopback (127.0.0.0/8, ::1, localhost) unless --allow-remote is given. \
            Port 0 picks a free port; the first line printed names the address. Stop with Ctrl-C.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Address to listen on: HOST:PORT, [IPv6]:PORT or PORT.", valueName: "address"))
    var listen: String = "127.0.0.1:8080"

    @Flag(name: .long, help: "Allow listening on a non-loopback address (anyone who can reach it can read the archive).")
    var allowRemote = false

    @Option(name: .long, help: ArgumentHelp("Public base URL for links in feeds (default: from the request's Host).", valueName: "url"))
    var baseURL: String?

    @OptionGroup var archiveOptions: ArchiveOptions

    func validate() throws {
        do {
            let address = try ListenAddress(parsing: listen)
            try address.check(allowRemote: allowRemote)
        } catch {
            throw ValidationError(error.description)
        }
        if let baseURL {
            let lower = baseURL.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: baseURL)?.host != nil else {
                throw ValidationError("--base-url must be an http(s) URL, e.g. https://stet.example.org")
            }
        }
    }

    func run() async throws {
        let address: ListenAddress
        do { address = try ListenAddress(parsing: listen) } catch { throw CLIError(error.description) }
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true)
        let site = try StetSite(archive: archive, configuration: WebConfiguration(baseURL: baseURL))
        let path = archiveOptions.path
        try await WebServer.run(site: site, address: address) { port in
            let host = address.host.contains(":") ? "[\(address.host)]" : address.host
            FileHandle.standardOutput.write(Data("stet: serving \(path) on http://\(host):\(port)/ (Ctrl-C to stop)\n".utf8))
        }
    }
}
