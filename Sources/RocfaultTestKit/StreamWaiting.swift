// Stream time-outs: waiting for what an `AsyncStream` hands out, without hanging a test when it
// never comes. A time-out cancels the waiting task, which ends an `AsyncStream`: call them where an
// element (or the end) is expected.

/// Waits for the first element of a stream that satisfies `predicate`, or `nil` after `timeout`.
package func firstElement<Element: Sendable>(
    of stream: AsyncStream<Element>,
    within timeout: Duration,
    where predicate: @escaping @Sendable (Element) -> Bool = { _ in true }
) async -> Element? {
    await outcome(within: timeout, otherwise: nil) {
        for await element in stream where predicate(element) { return element }
        return nil
    }
}

/// Whether the stream finishes (after delivering whatever it buffered) within `timeout`.
package func streamFinishes<Element: Sendable>(_ stream: AsyncStream<Element>, within timeout: Duration) async -> Bool {
    await outcome(within: timeout, otherwise: false) {
        for await _ in stream {}
        return !Task.isCancelled
    }
}

/// What `operation` returns, or `fallback` when `timeout` passes first (the operation is then
/// cancelled).
private func outcome<Value: Sendable>(
    within timeout: Duration,
    otherwise fallback: Value,
    _ operation: @escaping @Sendable () async -> Value
) async -> Value {
    await withTaskGroup(of: Value.self) { group in
        group.addTask(operation: operation)
        group.addTask {
            try? await Task.sleep(for: timeout)
            return fallback
        }
        let first = await group.next() ?? fallback
        group.cancelAll()
        return first
    }
}
