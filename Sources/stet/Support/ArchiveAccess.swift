import Foundation
import StetArchive

/// Opens the archive named by the options, with a one-line error when it cannot be used.
enum ArchiveAccess {
    /// `mustExist`: commands that only read refuse to create an archive where none is.
    static func open(_ options: ArchiveOptions, mustExist: Bool) throws -> Archive {
        let path = options.path
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("no archive at \(path): snapshot an article first, or name one with --archive PATH or STET_ARCHIVE")
        }
        return try Archive.open(at: path, create: !mustExist)
    }
}
