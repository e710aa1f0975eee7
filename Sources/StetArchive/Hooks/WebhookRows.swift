// The index tables behind webhooks (migration `v6-webhooks`): `webhooks` and `webhook_deliveries`.
// Index-only: `reindex` leaves them alone, like checks.

import Foundation
import GRDB

struct WebhookRow: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "webhooks"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var url: String
    var filter: String
    var createdAt: Date
    var lastDeliveryAt: Date?
    var lastStatus: Int?
    var lastError: String?
    var consecutiveFailures: Int = 0

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var webhook: Webhook {
        Webhook(
            id: id ?? 0, url: url, filter: WebhookFilter(rawValue: filter) ?? .all, createdAt: createdAt,
            lastDeliveryAt: lastDeliveryAt, lastStatus: lastStatus, lastError: lastError,
            consecutiveFailures: consecutiveFailures)
    }
}

struct WebhookDeliveryRow: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "webhook_deliveries"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var hookId: Int64
    var articleId: String
    var version: Int
    var deliveredAt: Date
    var attempts: Int
    var succeeded: Bool
    var httpStatus: Int?
    var error: String?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var delivery: WebhookDelivery {
        WebhookDelivery(
            id: id ?? 0, hookID: hookId, articleID: articleId, version: version, deliveredAt: deliveredAt, attempts: attempts,
            succeeded: succeeded, httpStatus: httpStatus, error: error)
    }
}

enum WebhookTables {
    /// The migration's name, after `v2-reextractions`.
    static let migrationName = "v6-webhooks"

    /// Registers `v6-webhooks` on `migrator`.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try db.create(table: "webhooks") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("url", .text).notNull()
                t.column("filter", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("last_delivery_at", .datetime)
                t.column("last_status", .integer)
                t.column("last_error", .text)
                t.column("consecutive_failures", .integer).notNull().defaults(to: 0)
            }
            // Deliveries outlive neither their hook nor their article.
            try db.create(table: "webhook_deliveries") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("hook_id", .integer).notNull().references("webhooks", onDelete: .cascade).indexed()
                t.column("article_id", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("delivered_at", .datetime).notNull()
                t.column("attempts", .integer).notNull()
                t.column("succeeded", .boolean).notNull()
                t.column("http_status", .integer)
                t.column("error", .text)
            }
        }
    }
}
