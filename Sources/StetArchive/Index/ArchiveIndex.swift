// The SQLite index beside the git store: opening it (WAL, busy timeout) and its named migrations.
// The schema is documented in docs/archive-format.md ("Index").

import Foundation
import GRDB
import GRDBSQLite

/// The derived index: a GRDB `DatabasePool` on `index.sqlite` inside the archive directory, or
/// for reading only a single read-only connection (see `init(path:readOnly:)`).
final class ArchiveIndex: Sendable {
    let pool: any DatabaseWriter

    /// How long a writer waits for another process's write transaction before failing.
    static let busyTimeout: TimeInterval = 10

    /// Opens (creating and migrating as needed) the index at `path`. With `readOnly`, one
    /// read-only connection on an existing, fully migrated index: nothing is created, migrated or
    /// written, and closing it runs no WAL checkpoint (a read-write connection's last close
    /// checkpoints, with its fsyncs, even after only reading). It needs the WAL's `-wal` and
    /// `-shm` files, which the persistent WAL keeps; throws when they or the index are missing or
    /// the migrations are not all applied.
    init(path: String, readOnly: Bool = false) throws(ArchiveError) {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "stet.index"
        // WAL with synchronous=NORMAL: a commit is atomic and survives a crashed process, and only
        // checkpoints wait for the disk. A power cut may lose the last commits; the index is
        // derived from git, and the ref generation makes the next open reconcile what is missing
        // (see RefGeneration). With FULL, every snapshot waited for an fsync (~10 ms here).
        configuration.prepareDatabase { db in
            // Writing connections only: a read-only connection commits nothing, never checkpoints,
            // and skipping these statements saves every read command their preparation.
            if db.configuration.readonly { return }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Persistent WAL (as GRDB's docs show): the -wal and -shm files stay after the last
            // connection closes. Otherwise every process deleted them on exit (a checkpoint with two
            // fsyncs) and GRDB's pool wrote a transaction on the next open to make a non-empty WAL:
            // each read-only command (`stet log`) paid for a write and two fsyncs.
            // A size limit on the persistent WAL: the last read-write connection to close
            // truncates it to zero bytes after its checkpoint (SQLite does so only when a limit
            // is set), and a checkpoint that restarts it trims it to 1 MB. Without it the WAL
            // kept up to ~5 MB of checkpointed frames, which every read-only open (`stet log`)
            // read back in full to rebuild its index (~1,200 reads, 4 ms on a 10k archive).
            try db.execute(sql: "PRAGMA journal_size_limit = 1048576")
            var flag: CInt = 1
            let code = withUnsafeMutablePointer(to: &flag) { sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, $0) }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        }
        do {
            if readOnly {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                guard try queue.read({ db in try Self.hasAppliedEveryMigration(db) }) else {
                    throw ArchiveError.index("\(path): the index needs migrating")
                }
                pool = queue
            } else {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try Self.migrator.migrate(pool)
                self.pool = pool
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw .index("\(path): \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-articles-versions-checks") { db in
            try db.create(table: "articles") { t in
                t.primaryKey("id", .text)
                t.column("url", .text)
                t.column("normalized_url", .text).indexed()
                t.column("final_url", .text)
                t.column("canonical_url", .text)
                t.column("normalized_canonical_url", .text).indexed()
                t.column("title", .text)
                t.column("site", .text)
                t.column("created_at", .datetime)
                t.column("last_changed_at", .datetime)
                t.column("last_summary", .text)
                t.column("version_count", .integer).notNull().defaults(to: 0)
                t.column("head_commit", .text)
                t.column("etag", .text)
                t.column("last_modified", .text)
                t.column("last_checked_at", .datetime)
                t.column("tracked", .boolean).notNull().defaults(to: false)
                t.column("next_due", .datetime).indexed()
                t.column("interval", .double)
                t.column("gone", .boolean).notNull().defaults(to: false)
                t.column("failures", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "versions") { t in
                t.column("article_id", .text).notNull().references("articles", onDelete: .cascade)
                t.column("number", .integer).notNull()
                t.primaryKey(["article_id", "number"])
                t.column("commit_id", .text).notNull()
                t.column("captured_at", .datetime).notNull()
                t.column("time_zone_offset", .integer).notNull()
                t.column("title", .text)
                t.column("word_count", .integer).notNull()
                t.column("summary", .text).notNull()
                for name in ["added", "removed", "edited", "moved", "split", "merged", "minor", "quote_changes", "figure_changes", "note_changes"] {
                    t.column(name, .integer).notNull()
                }
                t.column("has_quote_change", .boolean).notNull()
                t.column("has_figure_change", .boolean).notNull()
                t.column("has_note_change", .boolean).notNull()
                t.column("revert_of", .integer)
                t.column("url", .text)
                t.column("http_status", .integer)
                t.column("extractor_version", .text)
            }
            try db.create(table: "checks") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("article_id", .text).notNull().references("articles", onDelete: .cascade).indexed()
                t.column("checked_at", .datetime).notNull()
                t.column("outcome", .text).notNull()
                t.column("version", .integer)
                t.column("error", .text)
                t.column("http_status", .integer)
            }
        }
        migrator.registerMigration("v2-reextractions") { db in
            try db.create(table: "reextractions") { t in
                t.column("article_id", .text).notNull().references("articles", onDelete: .cascade)
                t.column("number", .integer).notNull()
                t.column("extractor_version", .text).notNull()
                t.primaryKey(["article_id", "number", "extractor_version"])
                t.column("commit_id", .text).notNull()
                t.column("markdown", .text)
                t.column("title", .text)
                t.column("word_count", .integer)
                t.column("differs", .boolean).notNull()
                t.column("error", .text)
                t.column("created_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3-normalized-final-url") { db in
            // Lets `resolveArticle` find an article by its final URL with an index lookup.
            try db.alter(table: "articles") { t in t.add(column: "normalized_final_url", .text).indexed() }
            let rows = try Row.fetchAll(db, sql: "SELECT id, final_url FROM articles WHERE final_url IS NOT NULL")
            for row in rows {
                let id: String = row["id"]
                let finalURL: String = row["final_url"]
                try db.execute(
                    sql: "UPDATE articles SET normalized_final_url = ? WHERE id = ?",
                    arguments: [ArticleIdentity.normalize(finalURL), id])
            }
        }
        migrator.registerMigration("v4-archive-state") { db in
            // Small key/value facts about the index itself (see `RefGeneration`).
            try db.create(table: "archive_state") { t in
                t.primaryKey("key", .text)
                t.column("value", .integer).notNull()
            }
        }
        // The watcher's targets (articles and feeds) and the feed items already seen. Index-only,
        // like checks: kept by reindex. See docs/archive-format.md and Watching/WatchRows.swift.
        migrator.registerMigration("v5-watch") { db in
            try db.create(table: "watch_targets") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull()
                t.column("url", .text).notNull()
                t.column("normalized_url", .text).notNull().indexed()
                t.column("article_id", .text)
                t.column("source_feed", .text)
                t.column("added_at", .datetime).notNull()
                t.column("every_seconds", .double)
                t.column("schedule", .text).notNull()
                t.column("etag", .text)
                t.column("last_modified", .text)
                t.column("digest", .text)
                t.column("next_due", .datetime).notNull().indexed()
                t.column("gone", .boolean).notNull().defaults(to: false)
                t.column("failures", .integer).notNull().defaults(to: 0)
                t.column("last_checked_at", .datetime)
                t.column("last_outcome", .text)
                t.column("last_status", .integer)
                t.column("last_error", .text)
                t.column("last_bytes", .integer)
                t.column("last_elapsed_ms", .integer)
                t.column("final_url", .text)
                t.column("last_version", .text)
            }
            try db.create(table: "feed_items") { t in
                t.column("feed_id", .text).notNull().references("watch_targets", onDelete: .cascade)
                t.column("normalized_link", .text).notNull()
                t.primaryKey(["feed_id", "normalized_link"])
                t.column("link", .text).notNull()
                t.column("title", .text)
                t.column("item_id", .text)
                t.column("published", .datetime)
                t.column("first_seen_at", .datetime).notNull()
                t.column("target_id", .text)
            }
        }
        WebhookTables.register(in: &migrator)
        return migrator
    }

    /// Whether every registered migration is recorded as applied: GRDB's
    /// `hasCompletedMigrations`, with the SQL written out. GRDB's version fetches into a
    /// `Set<String>` through a generic cursor type and checks the table's existence through the
    /// schema cache; the runtime's first use of each of those scans every protocol conformance
    /// record of the binary, which the start-up of every read command paid for. A missing
    /// `grdb_migrations` table throws (SQLite: no such table); the read-only open then fails and
    /// `Archive.openForReading` falls back to `open`, which migrates.
    static func hasAppliedEveryMigration(_ db: Database) throws -> Bool {
        let cursor = try Row.fetchCursor(db, sql: "SELECT identifier FROM grdb_migrations")
        var applied: Set<String> = []
        while let row = try cursor.next() { applied.insert(try row.decode(String.self, atIndex: 0)) }
        return migrator.migrations.allSatisfy(applied.contains)
    }

    func read<T>(_ body: (Database) throws -> T) throws(ArchiveError) -> T {
        do { return try pool.read(body) } catch let error as ArchiveError { throw error } catch let error as GitError { throw .git(error) } catch {
            throw .index("\(error)")
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(ArchiveError) -> T {
        do { return try pool.write(body) } catch let error as ArchiveError { throw error } catch let error as GitError { throw .git(error) } catch {
            throw .index("\(error)")
        }
    }
}
