// The address `stet serve` binds: `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or `PORT`. Loopback only
// unless remote access is asked for explicitly: the archive may hold unpublished work and the
// server has no authentication.

import Foundation

/// A host and port to listen on.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public static let `default` = ListenAddress(host: "127.0.0.1", port: 8080)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `127.0.0.1:8080`, `localhost:8080`, `[::1]:8080`, `:8080` (loopback) or `8080`.
    /// Port 0 asks the system for a free port.
    public init(parsing text: String) throws(ListenAddressError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var host = "127.0.0.1"
        var portText = trimmed
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw .malformed(text) }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .malformed(text) }
            portText = String(rest.dropFirst())
        } else if let colon = trimmed.lastIndex(of: ":") {
            guard trimmed.firstIndex(of: ":") == colon else { throw .malformed(text) }
            let name = String(trimmed[..<colon])
            if !name.isEmpty { host = name }
            portText = String(trimmed[trimmed.index(after: colon)...])
        }
        guard let port = Int(portText), (0...65535).contains(port) else { throw .badPort(text) }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:".contains($0) }) else { throw .malformed(text) }
        self.init(host: host, port: port)
    }

    /// True for `localhost`, 127.0.0.0/8 and `::1`.
    public var isLoopback: Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Refuses a non-loopback address unless `allowRemote`.
    public func check(allowRemote: Bool) throws(ListenAddressError) {
        if !isLoopback && !allowRemote { throw .remoteNotAllowed(self) }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Why an address cannot be listened on.
public enum ListenAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case badPort(String)
    case remoteNotAllowed(ListenAddress)

    public var description: String {
        switch self {
        case .malformed(let text): "cannot read the address \"\(text)\": use HOST:PORT, e.g. 127.0.0.1:8080"
        case .badPort(let text): "\"\(text)\" has no valid port (0–65535)"
        case .remoteNotAllowed(let address):
            "\(address.host) is not a loopback address: the server has no authentication, so it listens on "
                + "127.0.0.1 or ::1 only; pass --allow-remote to listen on \(address) anyway"
        }
    }
}
