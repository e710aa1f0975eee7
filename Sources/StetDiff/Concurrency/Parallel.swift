import Dispatch

/// Two pure computations at once, on the calling thread and one other (libdispatch's pool).
///
/// Used only for the independent halves of a large comparison (`DiffConfiguration.parallelBytes`):
/// each closure reads its own inputs and returns a value; neither touches shared mutable state.
enum Parallel {
    static func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                // Each iteration writes only its own result; `concurrentPerform` returns after both.
                let results = Results(a: a, b: b)
                DispatchQueue.concurrentPerform(iterations: 2) { index in results.run(index) }
                return (results.first!, results.second!)
            }
        }
    }

    /// The two closures and their results; each slot is written by one iteration only.
    private final class Results<A, B>: @unchecked Sendable {
        let a: @Sendable () -> A
        let b: @Sendable () -> B
        var first: A?
        var second: B?

        init(a: @escaping @Sendable () -> A, b: @escaping @Sendable () -> B) {
            self.a = a
            self.b = b
        }

        func run(_ index: Int) {
            if index == 0 { first = a() } else { second = b() }
        }
    }
}
