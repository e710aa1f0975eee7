// A counter of ref moves, so that opening an archive need not compare every ref with the index.
//
// `reconcile` (index every version git has and the index lacks) is linear in the number of
// articles, and opening an archive used to run it every time: `stet log` on 100,000 articles paid
// for all of them. The only way git gets ahead of the index is a writer that moved a ref and did
// not (yet) write the index row. So every writer, holding the write lock, bumps this counter
// (`stet.generation` in the archive directory) just before it moves a ref, and in its index
// transaction advances the index's `reconciled` generation from G - 1 to its own G. Opening reads
// the counter under the same lock (so no writer is between its bump and its ref move) and
// reconciles only when the index's generation differs; after reconciling it records the counter it
// read. A writer killed between its bump and its index write leaves the two different, and the
// next open reconciles; writers finishing out of order do the same, harmlessly.
//
// Refs moved by other tools (git itself) do not bump the counter: run `stet reindex` after them.
// Neither the counter nor git's refs nor the index (WAL, synchronous=NORMAL) are synced to disk
// on every write; after a power cut (not a crashed process), run `stet reindex`.
//
// Complexity: O(1) per snapshot and per open.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum RefGeneration {
    static let fileName = "stet.generation"

    /// The counter's current value: 0 when the file is missing (an archive no writer has bumped
    /// yet), nil when it exists but cannot be read (the caller then reconciles).
    static func read(archive: String) -> Int? {
        let path = (archive as NSString).appendingPathComponent(fileName)
        // Plain POSIX reads (every open and every snapshot reads it): Foundation's file and
        // trimming APIs cost more than the rest of reading it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? 0 : nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBytes { readFile(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            // A counter is a few digits; anything this long is not one.
            if bytes.count > 4096 { return nil }
        }
        return parse(bytes)
    }

    /// Adds one to the counter and returns the new value. The caller holds the write lock. The
    /// file is replaced by a rename, so a reader sees the old or the new value, never half.
    static func bump(archive: String) throws(ArchiveError) -> Int {
        let path = (archive as NSString).appendingPathComponent(fileName)
        let next = (read(archive: archive) ?? 0) + 1
        let temporary = path + ".tmp"
        // Plain POSIX writes: Foundation's `Data.write` fsyncs, which cost ~5 ms a snapshot here.
        // Like git's own ref files, the counter is not synced; see the file comment on power cuts.
        let text = Array("\(next)\n".utf8)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .io(path: temporary, message: "cannot write the generation file: \(String(cString: strerror(errno)))")
        }
        let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == text.count else {
            throw .io(path: temporary, message: "cannot write the generation file: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            throw .io(path: path, message: "cannot replace the generation file: \(String(cString: strerror(errno)))")
        }
        return next
    }

    /// The counter in the file's bytes: a decimal integer, surrounded by whitespace or not.
    static func parse(_ bytes: [UInt8]) -> Int? {
        Int(String(decoding: bytes, as: UTF8.self).trimmingWhitespace)
    }
}

/// POSIX `read` (inside `RefGeneration`, the name is its own `read(archive:)`).
private func readFile(_ descriptor: CInt, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
