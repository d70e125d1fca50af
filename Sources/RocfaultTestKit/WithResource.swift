/// Runs `body` between `acquire` and `release`, releasing also when `body` throws.
func withResource(
    acquire: () async throws -> Void,
    release: () async -> Void,
    _ body: @Sendable () async throws -> Void
) async throws {
    try await acquire()
    do {
        try await body()
    } catch {
        await release()
        throw error
    }
    await release()
}
