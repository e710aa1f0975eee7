import Foundation
import StetArchive

/// Opens the archive named by the options, with a one-line error when it cannot be used.
enum ArchiveAccess {
    /// `mustExist`: commands that only read refuse to create an archive where none is.
    /// `readOnly` (with `mustExist`): a command that never writes opens it for reading only
    /// (`Archive.openForReading`: no write lock, no WAL checkpoint when it exits).
    static func open(_ options: ArchiveOptions, mustExist: Bool, readOnly: Bool = false) throws -> Archive {
        let path = options.path
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("no archive at \(path): snapshot an article first, or name one with --archive PATH or STET_ARCHIVE")
        }
        if mustExist && readOnly { return try Archive.openForReading(at: path) }
        return try Archive.open(at: path, create: !mustExist)
    }
}
