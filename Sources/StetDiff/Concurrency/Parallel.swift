import Dispatch

/// Pure computations at once, on the calling thread and the others of libdispatch's pool (one
/// other on a two-core machine).
///
/// Used only for the independent parts of a large comparison (`DiffConfiguration.parallelBytes`):
/// each closure reads its own inputs and returns a value; none touches shared mutable state.
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

    /// `(0..<count).map(body)`, the calls spread over the threads as they come free: each thread
    /// takes the next index when it is done with one (`concurrentPerform` hands them out), so
    /// parts of unequal cost, or a thread that starts late, leave no thread waiting for long.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            let slots = Slots<T>(count: count, body: body)
            DispatchQueue.concurrentPerform(iterations: count) { index in slots.run(index) }
            return slots.values()
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

    /// One result slot per index, each initialized by the one iteration with that index (distinct
    /// memory, so the threads share nothing mutable); read after every iteration has returned.
    private final class Slots<T>: @unchecked Sendable {
        let body: @Sendable (Int) -> T
        let storage: UnsafeMutablePointer<T>
        let count: Int

        init(count: Int, body: @escaping @Sendable (Int) -> T) {
            self.count = count
            self.body = body
            storage = .allocate(capacity: count)
        }

        func run(_ index: Int) {
            (storage + index).initialize(to: body(index))
        }

        /// The results in index order, moved out of the slots.
        func values() -> [T] {
            Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.baseAddress!.moveInitialize(from: storage, count: count)
                initialized = count
            }
        }

        deinit { storage.deallocate() }
    }
}
