import ArgumentParser
import Foundation
import StetArchive

/// `stet gc`: pack the archive's objects and remove the loose copies.
struct GCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Pack the archive's objects (delta-compressed) and remove the loose copies and older packs.")

    @OptionGroup var archiveOptions: ArchiveOptions

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true)
        let report = try archive.gc()
        if report.alreadyPacked {
            print("Nothing to do: no loose objects and at most one pack (\(Self.bytes(report.bytesAfter))).")
            return
        }
        if report.packName.isEmpty {
            print("Nothing to pack: the archive holds no versions.")
            return
        }
        print(
            "Packed \(report.packedObjects) object\(report.packedObjects == 1 ? "" : "s") into pack-\(report.packName).pack; "
                + "removed \(report.removedLooseObjects) loose object\(report.removedLooseObjects == 1 ? "" : "s") and "
                + "\(report.removedPacks) older pack\(report.removedPacks == 1 ? "" : "s").")
        print("Objects: \(Self.bytes(report.bytesBefore)) → \(Self.bytes(report.bytesAfter)).")
        if report.keptLooseObjects > 0 {
            print("Kept \(report.keptLooseObjects) loose object\(report.keptLooseObjects == 1 ? "" : "s") that no article reaches.")
        }
    }

    static func bytes(_ count: Int64) -> String {
        if count < 1024 { return "\(count) B" }
        if count < 1024 * 1024 { return String(format: "%.1f KB", Double(count) / 1024) }
        return String(format: "%.1f MB", Double(count) / 1024 / 1024)
    }
}
