// Adding, listing and removing webhooks, and recording their deliveries, in the index.

import Foundation
import GRDB

extension Archive {
    /// Registers a webhook for new versions.
    /// - Throws: `WebhookError.invalidURL` for anything but an absolute http(s) URL with a host;
    ///   `ArchiveError` when the index cannot be written.
    @discardableResult
    public func addWebhook(url: String, filter: WebhookFilter = .all, at date: Date = Date()) throws -> Webhook {
        try WebhookError.validate(url: url)
        return try index.write { db in
            var row = WebhookRow(id: nil, url: url, filter: filter.rawValue, createdAt: date)
            try row.insert(db)
            // Read back, so the caller sees the date as stored (milliseconds).
            return (try WebhookRow.fetchOne(db, key: row.id) ?? row).webhook
        }
    }

    /// Every webhook, by id.
    public func webhooks() throws(ArchiveError) -> [Webhook] {
        try index.read { db in try WebhookRow.order(Column("id")).fetchAll(db).map(\.webhook) }
    }

    /// Removes a webhook and its delivery records.
    /// - Throws: `WebhookError.unknownHook` when there is no such hook.
    public func removeWebhook(id: Int64) throws {
        let deleted = try index.write { db in try WebhookRow.deleteOne(db, key: id) }
        guard deleted else { throw WebhookError.unknownHook(id) }
    }

    /// Records the outcome of delivering a version to a hook (after its retries) and updates the
    /// hook's last status and failure count. A hook removed meanwhile is ignored.
    public func recordWebhookDelivery(
        hookID: Int64, articleID: String, version: Int, at date: Date, attempts: Int, succeeded: Bool, httpStatus: Int?,
        error: String?
    ) throws(ArchiveError) {
        try index.write { db in
            guard var hook = try WebhookRow.fetchOne(db, key: hookID) else { return }
            var row = WebhookDeliveryRow(
                id: nil, hookId: hookID, articleId: articleID, version: version, deliveredAt: date, attempts: attempts,
                succeeded: succeeded, httpStatus: httpStatus, error: error)
            try row.insert(db)
            hook.lastDeliveryAt = date
            hook.lastStatus = httpStatus
            hook.lastError = succeeded ? nil : error
            hook.consecutiveFailures = succeeded ? 0 : hook.consecutiveFailures + 1
            try hook.update(db)
        }
    }

    /// The deliveries of one hook (or of every hook when `hookID` is nil), newest first.
    public func webhookDeliveries(hookID: Int64? = nil, limit: Int = 100) throws(ArchiveError) -> [WebhookDelivery] {
        try index.read { db in
            var request = WebhookDeliveryRow.order(Column("id").desc).limit(max(0, limit))
            if let hookID { request = request.filter(Column("hook_id") == hookID) }
            return try request.fetchAll(db).map(\.delivery)
        }
    }
}
