// Timing for in-process benchmarks: a monotonic clock, warm-ups that are not counted, and the
// median of the counted runs (robust to the noise of a shared machine).
//
// Complexity: each measurement runs the body warmups + runs times; sorting the samples is
// O(runs log runs).

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Nanoseconds on the monotonic clock.
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// CPU seconds this process has used (user + system, all threads).
func processCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// The samples of one measurement, in milliseconds.
struct Samples: Encodable {
    var milliseconds: [Double]

    var median: Double {
        let sorted = milliseconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var minimum: Double { milliseconds.min() ?? .nan }

    /// The 10th percentile (nearest rank): what the code costs when the host is quiet, steadier
    /// than the minimum on a shared machine.
    var p10: Double {
        let sorted = milliseconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[(sorted.count - 1) / 10]
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that produced it.
@inline(never)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Runs `body` `warmups` times uncounted, then `runs` times counted; or, when `budgetSeconds` is
/// given, counted runs until the budget is spent (at least `runs`).
func measure(warmups: Int, runs: Int, budgetSeconds: Double? = nil, _ body: () throws -> Void) rethrows -> Samples {
    for _ in 0..<warmups { try body() }
    var samples: [Double] = []
    let start = monotonicNanoseconds()
    while true {
        let before = monotonicNanoseconds()
        try body()
        samples.append(Double(monotonicNanoseconds() - before) / 1_000_000)
        if samples.count >= runs {
            guard let budgetSeconds else { break }
            if Double(monotonicNanoseconds() - start) / 1e9 >= budgetSeconds || samples.count >= runs * 100 { break }
        }
    }
    return Samples(milliseconds: samples)
}

/// One result line: JSON on standard output, read by `Tests/Peers/bench/run_bench.py`.
func emit(_ fields: [String: Any]) {
    guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}
