// The git object store and refs, through libgit2. The only file group that imports CLibgit2.
//
// What it offers is deliberately small: write a blob, write a flat tree of blobs, write a commit,
// read a ref, move a ref with compare-and-swap, list refs under a prefix, and read commits, trees
// and blobs back. Each C handle has exactly one owner: a local `defer` frees it, or (for the
// repository) the owning `GitRepository` frees it in `deinit`.
//
// Thread safety: libgit2 objects must not be used by two threads at once, so every method takes
// the repository's lock for its whole duration. Between processes, libgit2's own lock files and
// the compare-and-swap ref update (`git_reference_create_matching`) keep refs consistent; loose
// objects are written to a temporary file and renamed, so a crash never leaves a half object.
//
// Complexity: each call is a constant number of libgit2 operations, except `firstParentChain`
// (linear in the number of commits reached) and `references(withPrefix:)` (linear in refs).

internal import CLibgit2
import Foundation

/// One entry of a flat tree: a file name and its contents' blob.
struct TreeFile: Sendable, Hashable {
    var name: String
    var blob: ObjectID
}

/// A commit as read back: its id, parents, tree, message and committer time.
struct CommitInfo: Sendable, Hashable {
    var id: ObjectID
    var parents: [ObjectID]
    var tree: ObjectID
    var message: String
    /// Seconds since 1970 (UTC).
    var time: Int64
    /// The committer's zone, in minutes east of UTC.
    var offsetMinutes: Int32
}

/// A signature's name and e-mail (the time comes from the commit).
struct GitIdentity: Sendable, Hashable {
    var name: String
    var email: String
}

/// A bare git repository opened through libgit2.
final class GitRepository: @unchecked Sendable {
    // @unchecked: `handle` is only touched while `lock` is held (see `locked`).
    let handle: OpaquePointer
    private let lock = NSLock()
    let path: String
    // Commits and trees already read or written by this process, by id (objects never change, so
    // an entry never goes stale). A snapshot walks its article's first-parent chain and reads each
    // commit's tree (revert detection); without these every snapshot re-read and re-inflated the
    // same loose objects. Bounded: emptied when full. Only touched while `lock` is held.
    private var commits = BoundedCache<ObjectID, CommitInfo>(limit: 4096)
    private var trees = BoundedCache<ObjectID, [String: ObjectID]>(limit: 4096)
    // The in-memory object store of a buffered handle (see `openBuffered`); owned by the odb.
    // `bufferedObjects` counts writes since the last pack (some may have found their object stored).
    private var mempack: UnsafeMutablePointer<git_odb_backend>?
    private var bufferedObjects = 0
    // The commits written since the last pack: what the pack is built from.
    private var bufferedCommits: [ObjectID] = []

    private init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    deinit {
        git_repository_free(handle)
    }

    /// Opens the bare repository at `path`.
    static func open(at path: String) throws(GitError) -> GitRepository {
        try requireLibgit2()
        var repo: OpaquePointer?
        try git("git_repository_open_bare", git_repository_open_bare(&repo, path))
        guard let repo else { throw GitError(function: "git_repository_open_bare", code: -1, message: "no repository returned") }
        return GitRepository(handle: repo, path: path)
    }

    /// Opens a second handle on the bare repository at `path` whose object writes stay in memory
    /// (libgit2's mempack backend, consulted first for reads too) until `writeBufferedPack` stores
    /// them all as one pack. Nothing written through it exists on disk before that call, so no ref
    /// may point at its objects until then. Refs are read and moved on disk as usual.
    static func openBuffered(at path: String) throws(GitError) -> GitRepository {
        let repository = try open(at: path)
        try repository.locked { () throws(GitError) in
            var odb: OpaquePointer?
            try git("git_repository_odb", git_repository_odb(&odb, repository.handle))
            defer { git_odb_free(odb) }
            var backend: UnsafeMutablePointer<git_odb_backend>?
            try git("git_mempack_new", git_mempack_new(&backend))
            // Writes go to the backend of highest priority that can write: this one.
            try git("git_odb_add_backend", git_odb_add_backend(odb, backend, 999))
            repository.mempack = backend
        }
        return repository
    }

    /// Writes the objects buffered since the last call (see `openBuffered`) as one pack with its
    /// index in `objects/pack` (libgit2's packbuilder, then its indexer), then empties the buffer.
    /// The pack holds what the buffered commits reach (each commit with its whole tree, so blobs
    /// stored earlier may be packed again: harmless duplicates): a buffered object no buffered
    /// commit reaches is dropped. Returns the number of objects in the pack (0: no pack).
    ///
    /// What `git_mempack_dump` does, but with the packbuilder on this thread: given no thread
    /// count, it started a thread (and read the CPU count from /sys) for every pack.
    @discardableResult
    func writeBufferedPack() throws(GitError) -> Int {
        try locked { () throws(GitError) -> Int in
            guard let mempack, bufferedObjects > 0 else { return 0 }
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            do {
                var builder: OpaquePointer?
                try git("git_packbuilder_new", git_packbuilder_new(&builder, handle))
                defer { git_packbuilder_free(builder) }
                git_packbuilder_set_threads(builder, 1)
                for commit in bufferedCommits {
                    var oid = commit.oid
                    try git("git_packbuilder_insert_commit", git_packbuilder_insert_commit(builder, &oid))
                }
                try git("git_packbuilder_write_buf", git_packbuilder_write_buf(&buffer, builder))
            }
            bufferedObjects = 0
            bufferedCommits = []
            // The pack header: "PACK", version, object count (big-endian); every write may have
            // found its object already stored, leaving nothing to pack.
            guard buffer.size >= 12, let bytes = buffer.ptr else {
                throw GitError(function: "git_packbuilder_write_buf", code: -1, message: "no pack produced")
            }
            let count = (8..<12).reduce(0) { $0 << 8 | Int(UInt8(bitPattern: bytes[$1])) }
            guard count > 0 else {
                try git("git_mempack_reset", git_mempack_reset(mempack))
                return 0
            }
            var odb: OpaquePointer?
            try git("git_repository_odb", git_repository_odb(&odb, handle))
            defer { git_odb_free(odb) }
            var writepack: UnsafeMutablePointer<git_odb_writepack>?
            try git("git_odb_write_pack", git_odb_write_pack(&writepack, odb, nil, nil))
            guard let writepack else { throw GitError(function: "git_odb_write_pack", code: -1, message: "no pack writer returned") }
            defer { writepack.pointee.free(writepack) }
            var progress = git_indexer_progress()
            try git("git_odb_writepack.append", writepack.pointee.append(writepack, buffer.ptr, buffer.size, &progress))
            try git("git_odb_writepack.commit", writepack.pointee.commit(writepack, &progress))
            // Only now, with the pack and its index complete on disk, may the memory copies go.
            try git("git_mempack_reset", git_mempack_reset(mempack))
            return count
        }
    }

    /// Creates a bare repository at `path` (or opens the one already there).
    static func create(at path: String) throws(GitError) -> GitRepository {
        try requireLibgit2()
        var repo: OpaquePointer?
        try git("git_repository_init", git_repository_init(&repo, path, 1))
        guard let repo else { throw GitError(function: "git_repository_init", code: -1, message: "no repository returned") }
        return GitRepository(handle: repo, path: path)
    }

    func locked<T>(_ body: () throws(GitError) -> T) throws(GitError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: Writing objects

    /// Stores `bytes` as a blob and returns its id (an existing identical blob is reused; in a
    /// buffered handle it goes to memory, and may duplicate a stored one in the next pack).
    func writeBlob(_ bytes: [UInt8]) throws(GitError) -> ObjectID {
        try locked { () throws(GitError) -> ObjectID in
            var oid = git_oid()
            if let mempack, let write = mempack.pointee.write {
                // Straight into memory: `git_odb_write` first asks every backend whether the
                // object exists, and each miss made the pack backend rescan `objects/pack`.
                let hashed = bytes.withUnsafeBytes { buffer in git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB) }
                try git("git_odb_hash", hashed)
                let status = bytes.withUnsafeBytes { buffer in write(mempack, &oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB) }
                try git("git_mempack write", status)
                bufferedObjects += 1
                return ObjectID(oid)
            }
            let status = bytes.withUnsafeBytes { buffer in
                git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count)
            }
            try git("git_blob_create_from_buffer", status)
            if mempack != nil { bufferedObjects += 1 }
            return ObjectID(oid)
        }
    }

    /// The id `bytes` would have as a blob, without storing anything.
    static func hashBlob(_ bytes: [UInt8]) throws(GitError) -> ObjectID {
        try requireLibgit2()
        var oid = git_oid()
        let status = bytes.withUnsafeBytes { buffer in
            git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB)
        }
        try git("git_odb_hash", status)
        return ObjectID(oid)
    }

    /// Writes a tree holding `files` as regular (non-executable) files.
    func writeTree(_ files: [TreeFile]) throws(GitError) -> ObjectID {
        try locked { () throws(GitError) -> ObjectID in
            var builder: OpaquePointer?
            try git("git_treebuilder_new", git_treebuilder_new(&builder, handle, nil))
            defer { git_treebuilder_free(builder) }
            for file in files {
                var blob = file.blob.oid
                try git("git_treebuilder_insert", git_treebuilder_insert(nil, builder, file.name, &blob, GIT_FILEMODE_BLOB))
            }
            var oid = git_oid()
            try git("git_treebuilder_write", git_treebuilder_write(&oid, builder))
            if mempack != nil { bufferedObjects += 1 }
            let id = ObjectID(oid)
            trees[id] = Dictionary(files.map { ($0.name, $0.blob) }, uniquingKeysWith: { _, last in last })
            return id
        }
    }

    /// Writes a commit of `tree` with `parents`; author and committer are `identity` at `time`
    /// (seconds since 1970) in the zone `offsetMinutes` east of UTC. Does not move any ref.
    func writeCommit(
        tree: ObjectID, parents: [ObjectID], message: String, identity: GitIdentity, time: Int64, offsetMinutes: Int32
    ) throws(GitError) -> ObjectID {
        try locked { () throws(GitError) -> ObjectID in
            var signature: UnsafeMutablePointer<git_signature>?
            try git("git_signature_new", git_signature_new(&signature, identity.name, identity.email, time, offsetMinutes))
            defer { git_signature_free(signature) }

            var treeOID = tree.oid
            var treeHandle: OpaquePointer?
            try git("git_tree_lookup", git_tree_lookup(&treeHandle, handle, &treeOID))
            defer { git_tree_free(treeHandle) }

            var parentHandles: [OpaquePointer?] = []
            defer { for parent in parentHandles { git_commit_free(parent) } }
            for parent in parents {
                var parentOID = parent.oid
                var commit: OpaquePointer?
                try git("git_commit_lookup", git_commit_lookup(&commit, handle, &parentOID))
                parentHandles.append(commit)
            }

            var oid = git_oid()
            let status = parentHandles.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(
                    &oid, handle, nil, signature, signature, "UTF-8", message, treeHandle, buffer.count,
                    buffer.baseAddress)
            }
            try git("git_commit_create", status)
            let id = ObjectID(oid)
            if mempack != nil {
                bufferedObjects += 1
                bufferedCommits.append(id)
            }
            // What `readCommit` would give back: libgit2 stores the message as given and returns it
            // without leading line feeds (a NUL would cut it), so only such messages are cached.
            if !message.utf8.contains(0), message.utf8.first != 10 {
                commits[id] = CommitInfo(id: id, parents: parents, tree: tree, message: message, time: time, offsetMinutes: offsetMinutes)
            }
            return id
        }
    }

    // MARK: References

    /// The commit a ref points at, or nil when the ref does not exist.
    func resolve(reference name: String) throws(GitError) -> ObjectID? {
        try locked { () throws(GitError) -> ObjectID? in
            var oid = git_oid()
            let status = git_reference_name_to_id(&oid, handle, name)
            if status == GIT_ENOTFOUND.rawValue { return nil }
            try git("git_reference_name_to_id", status)
            return ObjectID(oid)
        }
    }

    /// Points `name` at `target` only if it currently points at `expected` (nil: only if it does
    /// not exist yet). Throws a `GitError` whose `isConcurrentUpdate` is true when someone else
    /// moved the ref first.
    func updateReference(_ name: String, to target: ObjectID, expected: ObjectID?, logMessage: String) throws(GitError) {
        try locked { () throws(GitError) in
            var reference: OpaquePointer?
            var targetOID = target.oid
            if let expected {
                var expectedOID = expected.oid
                try git(
                    "git_reference_create_matching",
                    git_reference_create_matching(&reference, handle, name, &targetOID, 1, &expectedOID, logMessage))
            } else {
                try git("git_reference_create", git_reference_create(&reference, handle, name, &targetOID, 0, logMessage))
            }
            git_reference_free(reference)
        }
    }

    /// The names of all refs that start with `prefix`, sorted.
    func references(withPrefix prefix: String) throws(GitError) -> [String] {
        try locked { () throws(GitError) -> [String] in
            var array = git_strarray()
            try git("git_reference_list", git_reference_list(&array, handle))
            defer { git_strarray_dispose(&array) }
            var names: [String] = []
            for index in 0..<array.count {
                guard let pointer = array.strings[index] else { continue }
                let name = String(cString: pointer)
                if name.hasPrefix(prefix) { names.append(name) }
            }
            return names.sorted()
        }
    }

    /// A ref whose name starts with `prefix` (the first in name order among the loose refs, else
    /// among the packed ones), or nil. Reads only the directory the prefix names and what lies
    /// under its matching entries, plus `packed-refs` when there is one (stet never packs refs;
    /// `git pack-refs` does): the cost follows the matches, not the number of refs. (libgit2's
    /// glob iterator, used before, listed and examined every loose ref of the repository.)
    func firstReference(withPrefix prefix: String) throws(GitError) -> String? {
        let files = FileManager.default
        let slash = prefix.lastIndex(of: "/")
        let directoryName = slash.map { String(prefix[..<$0]) } ?? ""
        let namePrefix = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let directory = directoryName.isEmpty ? path : (path as NSString).appendingPathComponent(directoryName)
        // The first regular file (not a lock) at or under `entry`, depth first, in name order.
        func firstFile(_ relative: String) -> String? {
            let full = (path as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: full, isDirectory: &isDirectory) else { return nil }
            guard isDirectory.boolValue else { return relative.hasSuffix(".lock") ? nil : relative }
            for name in ((try? files.contentsOfDirectory(atPath: full)) ?? []).sorted() {
                if let found = firstFile(relative + "/" + name) { return found }
            }
            return nil
        }
        let entries = ((try? files.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix(namePrefix) }.sorted()
        for entry in entries {
            if let found = firstFile(directoryName.isEmpty ? entry : directoryName + "/" + entry) { return found }
        }
        // Packed refs: lines "<id> <name>", with `#` comments and `^` peeled lines.
        let packed = (path as NSString).appendingPathComponent("packed-refs")
        guard let data = files.contents(atPath: packed) else { return nil }
        var names: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let name = line[line.index(after: space)...]
            if name.hasPrefix(prefix) { names.append(String(name)) }
        }
        return names.min()
    }

    /// Whether a ref named exactly `name` exists (a directory of refs at that path is no ref).
    func referenceExists(_ name: String) throws(GitError) -> Bool {
        try locked { () throws(GitError) -> Bool in
            var reference: OpaquePointer?
            let status = git_reference_lookup(&reference, handle, name)
            defer { git_reference_free(reference) }
            if status == 0 { return true }
            if status == GIT_ENOTFOUND.rawValue || status == GIT_EDIRECTORY.rawValue { return false }
            try git("git_reference_lookup", status)
            return false
        }
    }

    // MARK: Reading

    /// Reads a commit.
    func commit(_ id: ObjectID) throws(GitError) -> CommitInfo {
        try locked { () throws(GitError) -> CommitInfo in
            try readCommit(id)
        }
    }

    private func readCommit(_ id: ObjectID) throws(GitError) -> CommitInfo {
        if let cached = commits[id] { return cached }
        var oid = id.oid
        var commit: OpaquePointer?
        try git("git_commit_lookup", git_commit_lookup(&commit, handle, &oid))
        defer { git_commit_free(commit) }
        var parents: [ObjectID] = []
        for index in 0..<git_commit_parentcount(commit) {
            if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent.pointee)) }
        }
        guard let tree = git_commit_tree_id(commit) else {
            throw GitError(function: "git_commit_tree_id", code: -1, message: "commit \(id) has no tree")
        }
        let message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        let info = CommitInfo(
            id: id, parents: parents, tree: ObjectID(tree.pointee), message: message, time: git_commit_time(commit),
            offsetMinutes: git_commit_time_offset(commit))
        commits[id] = info
        return info
    }

    /// The commits reached from `head` by following first parents, oldest first. With `stop`,
    /// the walk ends before that commit and `reachedStop` says whether it was met.
    func firstParentChain(from head: ObjectID, stoppingAt stop: ObjectID? = nil) throws(GitError) -> (
        commits: [CommitInfo], reachedStop: Bool
    ) {
        try locked { () throws(GitError) -> ([CommitInfo], Bool) in
            var chain: [CommitInfo] = []
            var next: ObjectID? = head
            while let id = next {
                if id == stop { return (chain.reversed(), true) }
                let info = try readCommit(id)
                chain.append(info)
                next = info.parents.first
            }
            return (chain.reversed(), false)
        }
    }

    /// The commits reached from `head` by following first parents, oldest first.
    func firstParentChain(from head: ObjectID) throws(GitError) -> [CommitInfo] {
        try firstParentChain(from: head, stoppingAt: nil).commits
    }

    /// The blob ids of a tree's entries, by file name.
    func treeEntries(_ tree: ObjectID) throws(GitError) -> [String: ObjectID] {
        try locked { () throws(GitError) -> [String: ObjectID] in
            if let cached = trees[tree] { return cached }
            var oid = tree.oid
            var treeHandle: OpaquePointer?
            try git("git_tree_lookup", git_tree_lookup(&treeHandle, handle, &oid))
            defer { git_tree_free(treeHandle) }
            var entries: [String: ObjectID] = [:]
            for index in 0..<git_tree_entrycount(treeHandle) {
                guard let entry = git_tree_entry_byindex(treeHandle, index), let name = git_tree_entry_name(entry),
                    let entryID = git_tree_entry_id(entry)
                else { continue }
                entries[String(cString: name)] = ObjectID(entryID.pointee)
            }
            trees[tree] = entries
            return entries
        }
    }

    /// The contents of a blob.
    func blob(_ id: ObjectID) throws(GitError) -> [UInt8] {
        try locked { () throws(GitError) -> [UInt8] in
            var oid = id.oid
            var blob: OpaquePointer?
            try git("git_blob_lookup", git_blob_lookup(&blob, handle, &oid))
            defer { git_blob_free(blob) }
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
            return Array(UnsafeRawBufferPointer(start: content, count: size))
        }
    }
}

/// A dictionary that empties itself when it reaches `limit` entries (a cache of immutable values,
/// where an occasional cold start costs little and no bookkeeping is needed per hit).
struct BoundedCache<Key: Hashable, Value> {
    private var entries: [Key: Value] = [:]
    let limit: Int

    init(limit: Int) { self.limit = limit }

    subscript(key: Key) -> Value? {
        get { entries[key] }
        set {
            if newValue != nil, entries[key] == nil, entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = newValue
        }
    }
}
