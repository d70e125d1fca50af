package import Testing

/// Runs a suite (or test) with a `systemd-journald` serving the standard sockets
/// (see ``TestJournald``): `@Suite(.journald)`.
package struct JournaldTrait: SuiteTrait, TestTrait, TestScoping {
    /// Creates the trait.
    package init() {}

    /// Holds a journald for the duration of the test.
    package func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withResource(
            acquire: { try await TestJournald.shared.acquire() },
            release: { await TestJournald.shared.release() },
            function
        )
    }
}

extension Trait where Self == JournaldTrait {
    /// Makes a journald available for the suite's duration (root only: it binds `/run` sockets).
    package static var journald: Self { Self() }
}
