// Which packs to merge, so that one pack per snapshot does not leave thousands of packs.
//
// A lone snapshot writes its five objects as one pack (`Archive.snapshot`): two files instead of
// five loose objects, but a pack each time, and every lookup that misses in this process asks
// each pack's index in turn, while a new libgit2 handle maps every index. So packs are merged by
// size tiers, as log-structured stores do: a pack of n objects is in tier 0 when n ≤ 32, tier 1
// when n ≤ 32·16, tier t when n ≤ 32·16^t. When a tier holds 16 packs, they (and any smaller ones)
// become one pack, which lands in a higher tier (16 packs of tier t hold more than tier t's
// limit). So there are at most 15 packs per tier plus the one being merged, the number of tiers
// grows with the logarithm of the archive, and each object is rewritten once per tier it climbs
// (O(log n) times), not once per merge. Packs with a `.keep` file, and what `stet gc` writes
// (one pack of everything, in the top tier), take part only when their tier fills up.
//
// Complexity: O(packs) per decision; the object counts come from each index's header, read once
// per pack name (names are content hashes: a pack never changes under its name).

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One pack in `objects/pack`: its path without extension and its number of objects.
struct PackFileInfo: Sendable, Hashable {
    var base: String
    var objects: Int
}

enum PackTiers {
    /// Packs per tier that trigger a merge.
    static let fanIn = 16
    /// The most objects a tier-0 pack holds (a snapshot writes five).
    static let baseObjects = 32

    /// The tier of a pack of `objects` objects.
    static func tier(objects: Int) -> Int {
        var tier = 0
        var limit = baseObjects
        while objects > limit, limit < Int.max / fanIn {
            tier += 1
            limit *= fanIn
        }
        return tier
    }

    /// The packs to merge now: every pack of the lowest tier that holds `fanIn` packs or more,
    /// with every smaller pack; empty when no tier is full.
    static func mergePlan(_ packs: [PackFileInfo]) -> [PackFileInfo] {
        var counts: [Int: Int] = [:]
        for pack in packs { counts[tier(objects: pack.objects), default: 0] += 1 }
        guard let full = counts.filter({ $0.value >= fanIn }).keys.min() else { return [] }
        return packs.filter { tier(objects: $0.objects) <= full }.sorted { $0.base < $1.base }
    }
}

/// The packs in a pack directory with their object counts, remembered by name between calls.
final class PackDirectory: @unchecked Sendable {
    // @unchecked: `counts` is only touched while `lock` is held.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    let path: String

    init(path: String) {
        self.path = path
    }

    /// The complete packs (an index and its pack file, no `.keep`), without reading any index
    /// when there are fewer than `PackTiers.fanIn` of them (no tier can be full).
    func packsToMerge() -> [PackFileInfo] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        let present = Set(names)
        let bases = names.filter { $0.hasPrefix("pack-") && $0.hasSuffix(".idx") }.map { String($0.dropLast(4)) }
            .filter { present.contains($0 + ".pack") && !present.contains($0 + ".keep") }
        guard bases.count >= PackTiers.fanIn else { return [] }
        lock.lock()
        defer { lock.unlock() }
        var packs: [PackFileInfo] = []
        for base in bases {
            let full = (path as NSString).appendingPathComponent(base)
            if let known = counts[base] {
                packs.append(PackFileInfo(base: full, objects: known))
            } else if let count = PackIndexFile.objectCount(atPath: full + ".idx") {
                if counts.count > 4096 { counts.removeAll(keepingCapacity: true) }
                counts[base] = count
                packs.append(PackFileInfo(base: full, objects: count))
            }
        }
        return PackTiers.mergePlan(packs)
    }
}
