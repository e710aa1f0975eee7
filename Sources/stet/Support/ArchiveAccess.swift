import Foundation
import StetArchive

/// Opens the archive named by the options, with a one-line error when it cannot be used.
enum ArchiveAccess {
    /// `mustExist`: commands that only read refuse to create an archive where none is.
    /// `readOnly` (with `mustExist`): a command that never writes opens it for reading only
    /// (`Archive.openForReading`: no write lock, no WAL checkpoint when it exits).
    static func open(_ options: ArchiveOptions, mustExist: Bool, readOnly: Bool = false) throws -> Archive {
        try open(path: options.path, mustExist: mustExist, readOnly: readOnly)
    }

    /// The same, for a path already resolved (`ArchiveLocation.path`).
    static func open(path: String, mustExist: Bool, readOnly: Bool = false) throws -> Archive {
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("no archive at \(path): snapshot an article first, or name one with --archive PATH or STET_ARCHIVE")
        }
        if mustExist && readOnly {
            let archive = try Archive.openForReading(at: path)
            keptOpen.keep(archive)
            return archive
        }
        return try Archive.open(at: path, create: !mustExist)
    }
}

/// Archives opened for reading stay referenced until the process exits: releasing one at the end
/// of a command tears down its read-only SQLite connection through GRDB (which unregisters from
/// Foundation's NotificationCenter, creating it first: ~1.4 M instructions, a tenth of `stet log`'s
/// own work) just before the process exits anyway. A read-only connection has nothing to flush or
/// checkpoint; the kernel releases its file and locks at exit.
private final class KeptOpen: @unchecked Sendable {
    // @unchecked: `archives` is only touched while `lock` is held.
    private let lock = NSLock()
    private var archives: [Archive] = []

    func keep(_ archive: Archive) {
        lock.lock()
        archives.append(archive)
        lock.unlock()
    }
}

private let keptOpen = KeptOpen()
