// Naming articles: URL normalization and article ids.
//
// Two captures belong to the same article when their normalized URLs match. Normalizing drops
// what does not name the page: the scheme, a leading `www.`, the default port, the fragment,
// tracking parameters (utm_*, fbclid, gclid, …) and a trailing slash; the host is lowercased,
// the path and the remaining query are kept as they are.
//
// An article id is `<host>/<slug>`: the slug is the path's segments, lowercased, with every run
// of characters other than a–z and 0–9 turned into one `-`, joined by `-` (so an id never nests
// under another id: refs `a/b` and `a/b/c` could not both exist). A page with a query, or a slug
// cut to its maximum length, gets `-` and 8 hex digits of a hash of the normalized URL appended,
// so that different pages keep different ids. A page with no URL is named after its file's stem.
//
// Complexity: linear in the URL's length.

import Foundation

/// Normalizes URLs and derives article ids that are valid git ref names.
public enum ArticleIdentity {
    /// Query parameters that only track the reader, dropped by normalization.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "_gl",
        "cmpid", "ocid", "smid", "ref_src",
    ]

    /// The longest slug kept before it is cut and given a hash suffix.
    static let maximumSlugLength = 80

    /// The normalized form of `url` (`host/path?query`), or nil when it has no host.
    /// A URL without a scheme (`newsweek.com/story`) is read as https.
    public static func normalize(_ url: String) -> String? {
        let trimmed = url.trimmingWhitespace
        guard !trimmed.isEmpty else { return nil }
        let withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed
        guard let components = URLComponents(string: withScheme), var host = components.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if let port = components.port, !(port == 80 || port == 443) { host += ":\(port)" }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        var result = host + path
        let kept = (components.percentEncodedQueryItems ?? []).filter { item in
            let name = item.name.lowercased()
            return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
        }
        if !kept.isEmpty {
            result += "?" + kept.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }.joined(separator: "&")
        }
        return result
    }

    /// The article id for a URL, e.g. `newsweek.com/russia-blames-nato-belgorod-attack-1856780`;
    /// nil when the URL has no host.
    public static func articleID(forURL url: String) -> String? {
        guard let normalized = normalize(url) else { return nil }
        let withoutQuery = normalized.split(separator: "?", maxSplits: 1)
        let hostAndPath = withoutQuery[0]
        let hasQuery = withoutQuery.count > 1
        let parts = hostAndPath.split(separator: "/", omittingEmptySubsequences: true)
        guard let hostPart = parts.first else { return nil }
        let host = slug(String(hostPart), keeping: ".")
        guard !host.isEmpty else { return nil }
        var segments = parts.dropFirst().map { segment -> String in
            let decoded = String(segment).removingPercentEncoding ?? String(segment)
            return decoded
        }
        if var last = segments.last {
            for ext in [".html", ".htm", ".shtml", ".php", ".aspx", ".asp", ".jsp"] where last.lowercased().hasSuffix(ext) {
                last.removeLast(ext.count)
                segments[segments.count - 1] = last
            }
        }
        var name = segments.map { slug($0, keeping: "") }.filter { !$0.isEmpty }.joined(separator: "-")
        var needsHash = hasQuery
        if name.count > maximumSlugLength {
            name = String(name.prefix(maximumSlugLength))
            if let cut = name.lastIndex(of: "-"), name.distance(from: name.startIndex, to: cut) > maximumSlugLength / 2 {
                name = String(name[..<cut])
            }
            needsHash = true
        }
        if name.isEmpty { name = "index" }
        if needsHash { name += "-" + hash(normalized) }
        return host + "/" + name
    }

    /// The article id for a file with no URL: its name without directory and extension, slugged.
    public static func articleID(forFileName fileName: String) -> String? {
        let base = (fileName as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        var name = slug(stem.isEmpty ? base : stem, keeping: ".")
        while name.hasPrefix(".") { name.removeFirst() }
        if name.count > maximumSlugLength { name = String(name.prefix(maximumSlugLength)) + "-" + hash(stem) }
        return name.isEmpty ? nil : name
    }

    /// Checks that `id` can name an article: `[A-Za-z0-9._-]` components joined by `/`, none empty,
    /// none starting with `.` or ending with `.lock`, no `..`, at most 200 characters.
    public static func validate(_ id: String) throws(ArchiveError) {
        guard !id.isEmpty else { throw .invalidArticleID(id, reason: "it is empty") }
        guard id.count <= 200 else { throw .invalidArticleID(id, reason: "longer than 200 characters") }
        let allowed = id.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "." || scalar == "_" || scalar == "-" || scalar == "/"
        }
        guard allowed else { throw .invalidArticleID(id, reason: "use only letters, digits, '.', '_', '-' and '/'") }
        guard !id.contains("..") else { throw .invalidArticleID(id, reason: "it contains \"..\"") }
        for component in id.split(separator: "/", omittingEmptySubsequences: false) {
            guard !component.isEmpty else { throw .invalidArticleID(id, reason: "it has an empty path component") }
            guard !component.hasPrefix(".") else { throw .invalidArticleID(id, reason: "a component starts with '.'") }
            guard !component.hasSuffix(".lock") else { throw .invalidArticleID(id, reason: "a component ends with \".lock\"") }
        }
    }

    /// Lowercases and turns every run of other characters than a–z, 0–9 (and `keeping`) into one `-`.
    static func slug(_ text: String, keeping: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let keep = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || keeping.unicodeScalars.contains(scalar)
            if keep {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// 8 hex digits of the 64-bit FNV-1a hash of the text's UTF-8 bytes (stable across runs and platforms).
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let folded = UInt32(truncatingIfNeeded: value ^ (value >> 32))
        let hex = String(folded, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
