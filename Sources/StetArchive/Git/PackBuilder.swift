// Packing: every object reachable from the refs into one pack file, through libgit2's packbuilder.
//
// A snapshot writes each object loose (one zlib-compressed file per blob, tree and commit), which
// costs a file system block per object and nothing is delta-compressed against its previous
// version. `pack` walks every commit reachable from the given heads (all parents, not only the
// first), inserts each commit, its tree and the tree's entries into a `git_packbuilder`, and
// writes `objects/pack/pack-<name>.pack` and its `.idx`; the packbuilder finds deltas between
// similar blobs (successive versions of an article differ by a few sentences), which is where the
// space goes. Removing what the pack makes redundant is the caller's business (`Archive.gc`).
//
// Complexity: linear in the number of reachable objects for the walk, plus libgit2's delta search
// (a sliding window over objects sorted by type and size: O(objects × window)).

internal import CLibgit2
import Foundation

/// What a pack write produced.
struct PackWrite: Sendable, Hashable {
    /// The pack's name (the hex part of `pack-<name>.pack`); empty when there was nothing to pack.
    var name: String
    /// Every object the pack holds.
    var objects: Set<ObjectID>
}

extension GitRepository {
    /// The `objects` directory of the repository.
    var objectsDirectory: String { (path as NSString).appendingPathComponent("objects") }

    /// Writes one pack holding every object reachable from `heads` into `objects/pack`.
    /// Returns the pack's name and the set of objects it holds (empty for no heads).
    func pack(reachableFrom heads: [ObjectID]) throws(GitError) -> PackWrite {
        try locked { () throws(GitError) -> PackWrite in
            var builder: OpaquePointer?
            try git("git_packbuilder_new", git_packbuilder_new(&builder, handle))
            defer { git_packbuilder_free(builder) }
            // One thread: the machine is shared, and the result must not depend on scheduling.
            git_packbuilder_set_threads(builder, 1)

            var seen = Set<ObjectID>()
            func insert(_ id: ObjectID, name: String?) throws(GitError) {
                var oid = id.oid
                try git("git_packbuilder_insert", git_packbuilder_insert(builder, &oid, name))
            }
            func insertTree(_ id: ObjectID) throws(GitError) {
                guard seen.insert(id).inserted else { return }
                try insert(id, name: nil)
                var oid = id.oid
                var tree: OpaquePointer?
                try git("git_tree_lookup", git_tree_lookup(&tree, handle, &oid))
                defer { git_tree_free(tree) }
                for index in 0..<git_tree_entrycount(tree) {
                    guard let entry = git_tree_entry_byindex(tree, index), let entryOID = git_tree_entry_id(entry) else { continue }
                    let entryID = ObjectID(entryOID.pointee)
                    switch git_tree_entry_type(entry) {
                    case GIT_OBJECT_TREE:
                        try insertTree(entryID)
                    case GIT_OBJECT_BLOB:
                        // The file name guides the delta search: same-named blobs are tried first.
                        if seen.insert(entryID).inserted {
                            try insert(entryID, name: git_tree_entry_name(entry).map { String(cString: $0) })
                        }
                    default:
                        // Submodule commits are not stored here; stet never writes them.
                        continue
                    }
                }
            }

            var pending = heads
            while let id = pending.popLast() {
                guard seen.insert(id).inserted else { continue }
                var oid = id.oid
                var commit: OpaquePointer?
                try git("git_commit_lookup", git_commit_lookup(&commit, handle, &oid))
                defer { git_commit_free(commit) }
                try insert(id, name: nil)
                guard let treeOID = git_commit_tree_id(commit) else {
                    throw GitError(function: "git_commit_tree_id", code: -1, message: "commit \(id) has no tree")
                }
                try insertTree(ObjectID(treeOID.pointee))
                for index in 0..<git_commit_parentcount(commit) {
                    if let parent = git_commit_parent_id(commit, index) { pending.append(ObjectID(parent.pointee)) }
                }
            }
            guard !seen.isEmpty else { return PackWrite(name: "", objects: []) }
            try git("git_packbuilder_write", git_packbuilder_write(builder, nil, 0, nil, nil))
            guard let name = git_packbuilder_name(builder) else {
                throw GitError(function: "git_packbuilder_name", code: -1, message: "the packbuilder gave no pack name")
            }
            return PackWrite(name: String(cString: name), objects: seen)
        }
    }

    /// Makes libgit2 notice packs added or removed behind its back.
    func refreshObjectDatabase() throws(GitError) {
        try locked { () throws(GitError) in
            var odb: OpaquePointer?
            try git("git_repository_odb", git_repository_odb(&odb, handle))
            defer { git_odb_free(odb) }
            try git("git_odb_refresh", git_odb_refresh(odb))
        }
    }
}

/// Reads the object names out of a pack index (`.idx`, version 2, SHA-1), the format git and
/// libgit2 write: a magic `\377tOc`, version 2, a 256-entry fan-out table whose last entry is the
/// object count, then the sorted 20-byte names.
enum PackIndexFile {
    /// The object names of the `.idx` at `path`, or nil when the file is not a readable v2 index.
    static func objectIDs(atPath path: String) -> [ObjectID]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        let header = 8, fanout = 256 * 4
        guard bytes.count >= header + fanout, bytes[0] == 0xff, bytes[1] == 0x74, bytes[2] == 0x4f, bytes[3] == 0x63,
            readUInt32(bytes, at: 4) == 2
        else { return nil }
        let count = Int(readUInt32(bytes, at: header + fanout - 4))
        let namesStart = header + fanout
        guard bytes.count >= namesStart + count * 20 else { return nil }
        var ids: [ObjectID] = []
        ids.reserveCapacity(count)
        for index in 0..<count {
            let start = namesStart + index * 20
            guard let id = ObjectID(bytes: Array(bytes[start..<start + 20])) else { return nil }
            ids.append(id)
        }
        return ids
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
