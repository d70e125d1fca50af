package import Testing

/// Runs a suite with the kernel log to itself: suites that flood `/dev/kmsg` (the overrun test) or
/// need an unbroken kernel log (the daemon's coverage checks) must not run at the same time, even
/// though they live in different test targets of one test process.
package struct KernelLogExclusiveTrait: SuiteTrait, TestTrait, TestScoping {
    /// Creates the trait.
    package init() {}

    /// Holds the kernel-log lock for the duration of the suite or test.
    package func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withResource(
            acquire: { await KernelLogLock.shared.acquire() },
            release: { await KernelLogLock.shared.release() },
            function
        )
    }
}

extension Trait where Self == KernelLogExclusiveTrait {
    /// Gives the suite exclusive use of the kernel log among this process's tests.
    package static var kernelLogExclusive: Self { Self() }
}

/// A first-come, first-served async lock.
actor KernelLogLock {
    static let shared = KernelLogLock()
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        guard !waiters.isEmpty else {
            held = false
            return
        }
        waiters.removeFirst().resume()
    }
}
