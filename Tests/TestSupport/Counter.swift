import Synchronization

/// A thread-safe counter for observing callbacks in tests.
public final class Counter: Sendable {
    private let count = Mutex(0)

    /// Creates a counter at zero.
    public init() {}

    /// Adds one.
    public func increment() { count.withLock { $0 += 1 } }

    /// Adds one and returns the count before it.
    public func next() -> Int {
        count.withLock { count in
            defer { count += 1 }
            return count
        }
    }

    /// The count so far.
    public var value: Int { count.withLock { $0 } }
}
