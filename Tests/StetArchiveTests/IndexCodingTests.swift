import Foundation
import GRDB
import StetDiff
import Testing

@testable import StetArchive

/// The hand-written row coding of `ArticleRow` and `VersionRow` (`init(row:)`, `encode(to:)`),
/// the Foundation-free trimming and the generation file's parsing that replaced Foundation calls
/// on the start-up path of read commands.
@Suite struct IndexCodingTests {
    static func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try ArchiveIndex.migrator.migrate(queue)
        return queue
    }

    static let article = ArticleRow(
        id: "example.org/a", url: "https://example.org/a", normalizedURL: "example.org/a", finalURL: "https://example.org/a/",
        normalizedFinalURL: "example.org/a", canonicalURL: "https://example.org/canonical", normalizedCanonicalURL: "example.org/canonical",
        title: "A title", site: "Example", createdAt: Date(timeIntervalSince1970: 1_700_000_000.125),
        lastChangedAt: Date(timeIntervalSince1970: 1_700_003_600.5), lastSummary: "Added 1 statement", versionCount: 2,
        headCommit: String(repeating: "ab", count: 20), etag: "\"e\"", lastModified: "Tue, 14 Nov 2023 22:13:20 GMT",
        lastCheckedAt: Date(timeIntervalSince1970: 1_700_007_200), tracked: true, nextDue: Date(timeIntervalSince1970: 1_700_010_800.25),
        interval: 3600, gone: false, failures: 3)

    static let version = VersionRow(
        articleId: "example.org/a", number: 2, commitId: String(repeating: "cd", count: 20),
        capturedAt: Date(timeIntervalSince1970: 1_700_003_600.5), timeZoneOffset: -300, title: nil, wordCount: 412,
        summary: "Added 1 statement", added: 1, removed: 2, edited: 3, moved: 4, split: 5, merged: 6, minor: 7, quoteChanges: 8,
        figureChanges: 9, noteChanges: 10, hasQuoteChange: true, hasFigureChange: false, hasNoteChange: true, revertOf: 1,
        url: "https://example.org/a", httpStatus: 200, extractorVersion: "extract-3")

    @Test func rowsRoundTripThroughTheIndex() throws {
        let queue = try Self.database()
        try queue.write { db in
            try Self.article.insert(db)
            try Self.version.insert(db)
        }
        let (article, version, versions, count, exists, missing, missingRow) = try queue.read { db in
            (
                try ArticleRow.fetch(db, id: "example.org/a"), try VersionRow.fetch(db, articleID: "example.org/a", number: 2),
                try VersionRow.fetchAll(db, articleID: "example.org/a"), try VersionRow.count(db, articleID: "example.org/a"),
                try ArticleRow.exists(db, id: "example.org/a"), try ArticleRow.exists(db, id: "example.org/b"),
                try ArticleRow.fetch(db, id: "example.org/b")
            )
        }
        #expect(article == Self.article)
        #expect(version == Self.version)
        #expect(versions == [Self.version])
        #expect(count == 1)
        #expect(exists)
        #expect(!missing)
        #expect(missingRow == nil)
    }

    /// The columns hold what GRDB's Codable coding wrote before: dates as GRDB's UTC text with
    /// milliseconds, booleans as 0/1, NULL for nil.
    @Test func columnsKeepGRDBsStorageFormats() throws {
        let queue = try Self.database()
        try queue.write { db in
            try Self.article.insert(db)
            try Self.version.insert(db)
        }
        let (article, version) = try queue.read { db in
            (try Row.fetchOne(db, sql: "SELECT * FROM articles"), try Row.fetchOne(db, sql: "SELECT * FROM versions"))
        }
        let articleRow = try #require(article)
        #expect(articleRow["created_at"] as String? == "2023-11-14 22:13:20.125")
        #expect(articleRow["next_due"] as String? == "2023-11-15 01:13:20.250")
        #expect(articleRow["tracked"] as Int? == 1)
        #expect(articleRow["gone"] as Int? == 0)
        #expect(articleRow["interval"] as Double? == 3600)
        let versionRow = try #require(version)
        #expect(versionRow["captured_at"] as String? == "2023-11-14 23:13:20.500")
        #expect(versionRow["title"] == DatabaseValue.null)
        #expect(versionRow["has_figure_change"] as Int? == 0)
        #expect(versionRow["time_zone_offset"] as Int? == -300)
    }

    /// The cached statements write exactly the rows GRDB's own record persistence writes.
    @Test func cachedStatementsWriteWhatGRDBWrites() throws {
        let ours = try Self.database()
        let grdb = try Self.database()
        var changed = Self.article
        changed.title = "Another title"
        changed.nextDue = nil
        changed.failures = 0
        let check = CheckRow(
            id: nil, articleId: "example.org/a", checkedAt: Date(timeIntervalSince1970: 1_700_000_000.5), outcome: "new", version: 2,
            error: nil, httpStatus: 200)
        let other = ArticleRow(id: "example.org/b", url: "https://example.org/b", normalizedURL: "example.org/b")
        try ours.write { db in
            try Self.article.insertRow(db)
            try Self.version.insertRow(db)
            try check.insertRow(db)
            try changed.updateRow(db)
            try other.saveRow(db)
            try other.saveRow(db)
        }
        try grdb.write { db in
            try Self.article.insert(db)
            try Self.version.insert(db)
            var inserted = check
            try inserted.insert(db)
            try changed.update(db)
            try other.save(db)
            try other.save(db)
        }
        for table in ["articles", "versions", "checks"] {
            let sql = "SELECT * FROM \(table) ORDER BY rowid"
            let mine = try ours.read { db in try Row.fetchAll(db, sql: sql) }
            let theirs = try grdb.read { db in try Row.fetchAll(db, sql: sql) }
            #expect(mine == theirs, "\(table)")
            #expect(!mine.isEmpty)
        }
        #expect(throws: ArchiveError.self) {
            try ours.write { db in try ArticleRow(id: "example.org/none").updateRow(db) }
        }
    }

    /// `CommitMessage.lines` splits as `split(separator: "\n", omittingEmptySubsequences: false)`.
    @Test func commitMessageLinesMatchCharacterSplit() {
        let messages = [
            "", "\n", "\n\n", "one", "one\n", "one\n\ntwo\n", "Added “a quote”; é\u{301}\n\nStet-Article: a/b\nStet-Version: 2\n",
            "crlf\r\nline\r\n", "cr\ralone\n", "\n\u{301}combining after a newline", "emoji 👩‍👩‍👧\nnext",
        ]
        for message in messages {
            #expect(CommitMessage.lines(message) == message.split(separator: "\n", omittingEmptySubsequences: false), "\(message.debugDescription)")
        }
    }

    /// `Stet-Counts` is written and read field by field as the key-path table did.
    @Test func commitCountsRoundTripAndParseAsBefore() {
        let table: [(String, WritableKeyPath<ChangeCounts, Int>)] = [
            ("added", \.added), ("removed", \.removed), ("edited", \.edited), ("moved", \.moved), ("split", \.split),
            ("merged", \.merged), ("minor", \.minor), ("quotes", \.quoteChanges), ("figures", \.figureChanges),
            ("notes", \.noteChanges),
        ]
        func reference(_ field: String) -> ChangeCounts {
            var counts = ChangeCounts()
            for pair in field.split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let value = Int(parts[1]), let keyPath = table.first(where: { $0.0 == parts[0] })?.1 else { continue }
                counts[keyPath: keyPath] = value
            }
            return counts
        }
        var counts = ChangeCounts()
        for (offset, entry) in table.enumerated() { counts[keyPath: entry.1] = offset * 3 + 1 }
        let written = CommitMessage.countsField(counts)
        #expect(written == table.map { "\($0.0)=\(counts[keyPath: $0.1])" }.joined(separator: " "))
        for field in [written, "", "added=", "=added=5", "==split=2", "added==5", "added=5 added=6", "x=1 notes=3", "added=+5", "added=5=6", "  quotes=2  ", "=", "notes=", "minor=-1"] {
            let parsed = CommitMessage.Parsed(summary: "", trailers: ["Stet-Counts": field]).counts
            #expect(parsed == reference(field), "\(field)")
        }
    }

    /// A snapshot reports `oneLine` as its summary: the first line of the message it writes.
    @Test func oneLineIsTheParsedSummary() {
        for summary in ["Added a quote", "", "two\nlines", "crlf\r\nsummary", "para\u{2029}sep\u{2028}line", "trailing\n", "\r", "é\u{301}\n“x”"] {
            let message = CommitMessage(
                summary: summary, articleID: "a/b", version: 2, counts: ChangeCounts(), revertOf: nil, wordCount: 3, blockCount: 1)
            #expect(CommitMessage.parse(message.text).summary == message.oneLine, "\(summary.debugDescription)")
        }
    }

    /// A damaged index (NULL in a required column, text where a number belongs) throws instead
    /// of crashing.
    @Test func malformedRowsThrow() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE articles (id TEXT, version_count)")
            try db.execute(sql: "INSERT INTO articles VALUES (NULL, 1), ('b', 'many')")
        }
        #expect(throws: (any Error).self) { try queue.read { db in try ArticleRow.fetch(db, id: "b") } }
        #expect(throws: (any Error).self) {
            try queue.read { db in try db.fetchAll(cached: "SELECT * FROM articles WHERE id IS NULL", ArticleRow.init(row:)) }
        }
        try queue.write { db in try db.execute(sql: "CREATE TABLE dated (day)") }
        try queue.write { db in try db.execute(sql: "INSERT INTO dated VALUES ('yesterday')") }
        #expect(throws: ArchiveError.self) {
            try queue.read { db in try db.fetchOne(cached: "SELECT day FROM dated") { row in try row.indexDate("day") } }
        }
    }

    /// `IndexDate` writes the text GRDB writes (ICU's formatter) and reads the `Date` GRDB reads
    /// (Foundation's calendar), bit for bit, over random instants and the edges of milliseconds,
    /// days, leap years and the supported range.
    @Test func indexDatesMatchGRDB() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = []
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...4_102_444_800, using: &generator)))
        }
        for _ in 0..<2_000 {
            // Whole and nearly whole milliseconds, where truncation and rounding part ways.
            let milliseconds = Double(Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator))
            for delta in [0, 1e-7, -1e-7, 0.0005, 0.000_999_9] {
                dates.append(Date(timeIntervalSince1970: milliseconds / 1000 + delta))
            }
        }
        for text in ["1970-01-01 00:00:00.000", "1969-12-31 23:59:59.999", "2000-02-29 12:00:00.500", "2024-02-29 23:59:59.999",
            "1900-03-01 00:00:00.001", "0001-01-01 00:00:00.000", "9999-12-31 23:59:59.999", "2023-11-14 22:13:20.123"]
        {
            dates.append(Date.fromDatabaseValue(text.databaseValue) ?? Date())
        }
        var written: [String] = []
        var read: [String] = []
        for date in dates {
            let ours = IndexDate.databaseValue(date)
            if ours != date.databaseValue {
                written.append("\(date.timeIntervalSinceReferenceDate): \(ours) vs \(date.databaseValue)")
            }
            let grdb = Date.fromDatabaseValue(ours)?.timeIntervalSinceReferenceDate
            let mine = IndexDate.date(ours)?.timeIntervalSinceReferenceDate
            if grdb?.bitPattern != mine?.bitPattern { read.append("\(ours): \(String(describing: mine)) vs \(String(describing: grdb))") }
        }
        #expect(written.isEmpty, "\(written.count) differ, e.g. \(written.prefix(5))")
        #expect(read.isEmpty, "\(read.count) differ, e.g. \(read.prefix(5))")
        // Text the fast path leaves to GRDB, and text that is no date.
        for text in ["2023-11-14", "2023-11-14 22:13", "2023-11-14T22:13:20.123", "2023-11-14 22:13:20", "2023-02-30 00:00:00.000", "garbage"] {
            #expect(IndexDate.date(text.databaseValue) == Date.fromDatabaseValue(text.databaseValue))
        }
        #expect(IndexDate.date(1_700_000_000.5.databaseValue) == Date.fromDatabaseValue(1_700_000_000.5.databaseValue))
    }

    /// `trimmingWhitespace` trims exactly what `trimmingCharacters(in: .whitespacesAndNewlines)`
    /// trims: the same scalar set over all of Unicode, and the same results on mixed strings.
    @Test func trimmingMatchesFoundation() {
        let set = CharacterSet.whitespacesAndNewlines
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if set.contains(scalar) != scalar.isTrimmedWhitespace { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty)
        for text in ["", " ", " \n\t", "\u{3000}id\u{2029}", " a b ", "\u{85}x\u{A0}", " \u{301}é ", "ab", "\r\n\u{200B}x\u{200B}"] {
            #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func generationFileParsing() throws {
        #expect(RefGeneration.parse(Array("42\n".utf8)) == 42)
        #expect(RefGeneration.parse(Array("  7 ".utf8)) == 7)
        #expect(RefGeneration.parse(Array("".utf8)) == nil)
        #expect(RefGeneration.parse(Array("4 2".utf8)) == nil)
        #expect(RefGeneration.parse(Array("x".utf8)) == nil)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stet-generation-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(RefGeneration.read(archive: directory) == 0)
        #expect(try RefGeneration.bump(archive: directory) == 1)
        #expect(try RefGeneration.bump(archive: directory) == 2)
        #expect(RefGeneration.read(archive: directory) == 2)
        try "garbage".write(toFile: directory + "/" + RefGeneration.fileName, atomically: false, encoding: .utf8)
        #expect(RefGeneration.read(archive: directory) == nil)
    }
}
