// Webhooks: URLs that receive a JSON POST for each new version, kept in the index (not in git:
// they are configuration of this archive's installation, not history of the articles).

import Foundation

/// Which new versions a webhook wants.
public enum WebhookFilter: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every new version.
    case all
    /// Versions whose diff adds, removes or edits a quote.
    case quotes
    /// Versions whose diff changes a figure.
    case figures
    /// Versions with at least one substantive change (not only case, punctuation or spelling);
    /// a first version counts as substantive.
    case substantive
}

/// A registered webhook.
public struct Webhook: Sendable, Hashable, Codable {
    /// The hook's number, as `stet hook remove` takes it.
    public var id: Int64
    /// The http(s) URL the POST goes to.
    public var url: String
    public var filter: WebhookFilter
    public var createdAt: Date
    /// When the last delivery (successful or not) finished.
    public var lastDeliveryAt: Date?
    /// The last delivery's HTTP status, when a response came.
    public var lastStatus: Int?
    /// The last failed delivery's reason.
    public var lastError: String?
    /// Failed deliveries since the last successful one.
    public var consecutiveFailures: Int
}

/// One delivery of one version to one webhook, after its retries.
public struct WebhookDelivery: Sendable, Hashable, Codable {
    public var id: Int64
    public var hookID: Int64
    public var articleID: String
    public var version: Int
    /// When the last attempt finished.
    public var deliveredAt: Date
    /// How many attempts were made (1 when the first one succeeded).
    public var attempts: Int
    public var succeeded: Bool
    public var httpStatus: Int?
    public var error: String?
}

/// Why a webhook cannot be added or found.
public enum WebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL is not an absolute http or https URL with a host.
    case invalidURL(String, reason: String)
    /// No webhook has this id.
    case unknownHook(Int64)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): "cannot use \"\(url)\" as a webhook: \(reason)"
        case .unknownHook(let id): "no webhook with id \(id) (see `stet hook list`)"
        }
    }

    /// Checks that `url` is an absolute http(s) URL with a host, without credentials.
    /// - Throws: `invalidURL` naming what is wrong.
    public static func validate(url: String) throws(WebhookError) {
        let trimmed = url.trimmingWhitespace
        guard trimmed == url, !url.isEmpty else { throw .invalidURL(url, reason: "it is empty or has surrounding spaces") }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw .invalidURL(url, reason: "it is not a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw .invalidURL(url, reason: "only http and https URLs are allowed, not \(scheme):")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalidURL(url, reason: "it has no host") }
        guard components.user == nil, components.password == nil else {
            throw .invalidURL(url, reason: "credentials in the URL would be stored in plain text")
        }
        guard url.count <= 2000 else { throw .invalidURL(url, reason: "longer than 2000 characters") }
    }
}
