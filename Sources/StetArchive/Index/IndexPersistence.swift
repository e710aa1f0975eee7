// Writing the rows every snapshot writes through cached prepared statements.
//
// GRDB's record persistence (`insert`, `update`, `save`) builds a data access object per call:
// it encodes the record into a container, asks the schema cache for the primary key, generates
// the SQL text and looks its statement up by that text. For the three rows a snapshot writes
// (its version, its article, its check) that was ~0.7 M instructions, ~12 % of a snapshot. Here
// the SQL is built once per process from the rows' own column lists (`columnValues`, the same
// list `encode(to:)` writes) and each call only binds values. The statements are the ones GRDB
// generates: INSERT of every column; UPDATE of every column but the primary key; save = update,
// then insert when no row has the key.
//
// Complexity: O(columns) per row written.

import Foundation
import GRDB

extension ArticleRow {
    private static let columns = ArticleRow(id: "").columnValues.map(\.0)
    private static let insertSQL = IndexPersistence.insert(into: "articles", columns)
    private static let updateSQL = IndexPersistence.update("articles", columns.filter { $0 != "id" }, key: ["id"])

    /// Inserts the row (the id must be new).
    func insertRow(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(columnValues.map(\.1)))
    }

    /// Updates the row with this id; throws when there is none.
    func updateRow(_ db: Database) throws {
        guard try updateIfPresent(db) else { throw ArchiveError.index("no article row \(id) to update") }
    }

    /// Updates the row with this id, or inserts it when there is none.
    func saveRow(_ db: Database) throws {
        if try !updateIfPresent(db) { try insertRow(db) }
    }

    private func updateIfPresent(_ db: Database) throws -> Bool {
        let values = columnValues
        let arguments = values.filter { $0.0 != "id" }.map(\.1) + [id]
        try db.cachedStatement(sql: Self.updateSQL).execute(arguments: StatementArguments(arguments))
        return db.changesCount > 0
    }
}

extension VersionRow {
    private static let insertSQL = IndexPersistence.insert(
        into: "versions",
        VersionRow(
            articleId: "", number: 0, commitId: "", capturedAt: Date(timeIntervalSinceReferenceDate: 0), timeZoneOffset: 0, title: nil,
            wordCount: 0, summary: "", added: 0, removed: 0, edited: 0, moved: 0, split: 0, merged: 0, minor: 0, quoteChanges: 0,
            figureChanges: 0, noteChanges: 0, hasQuoteChange: false, hasFigureChange: false, hasNoteChange: false, revertOf: nil,
            url: nil, httpStatus: nil, extractorVersion: nil
        ).columnValues.map(\.0))

    /// Inserts the row (the article and number must be new).
    func insertRow(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(columnValues.map(\.1)))
    }
}

extension CheckRow {
    private static let insertSQL = IndexPersistence.insert(
        into: "checks", ["article_id", "checked_at", "outcome", "version", "error", "http_status"])

    /// Inserts the check (its id is assigned by SQLite).
    func insertRow(_ db: Database) throws {
        let values: [(any DatabaseValueConvertible)?] = [articleId, IndexDate.databaseValue(checkedAt), outcome, version, error, httpStatus]
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(values))
    }
}

/// The SQL text of the statements above.
enum IndexPersistence {
    static func insert(into table: String, _ columns: [String]) -> String {
        let names = columns.map(quoted).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(quoted(table)) (\(names)) VALUES (\(placeholders))"
    }

    static func update(_ table: String, _ columns: [String], key: [String]) -> String {
        let assignments = columns.map { "\(quoted($0)) = ?" }.joined(separator: ", ")
        let condition = key.map { "\(quoted($0)) = ?" }.joined(separator: " AND ")
        return "UPDATE \(quoted(table)) SET \(assignments) WHERE \(condition)"
    }

    private static func quoted(_ name: String) -> String { "\"\(name)\"" }
}
