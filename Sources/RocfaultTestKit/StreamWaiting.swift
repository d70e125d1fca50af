// Stream time-outs: waiting for what an `AsyncStream` hands out, without hanging a test when it
// never comes. A time-out cancels the waiting task, which ends an `AsyncStream`: call them where an
// element (or the end) is expected.

/// Waits for the first element of a stream that satisfies `predicate`, or `nil` after `timeout`.
package func firstElement<Element: Sendable>(
    of stream: AsyncStream<Element>,
    within timeout: Duration,
    where predicate: @escaping @Sendable (Element) -> Bool = { _ in true }
) async -> Element? {
    await withTaskGroup(of: Element?.self) { group in
        group.addTask {
            for await element in stream where predicate(element) { return element }
            return nil
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

/// Whether the stream finishes (after delivering whatever it buffered) within `timeout`.
package func streamFinishes<Element: Sendable>(_ stream: AsyncStream<Element>, within timeout: Duration) async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            for await _ in stream {}
            return !Task.isCancelled
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return false
        }
        let first = await group.next() ?? false
        group.cancelAll()
        return first
    }
}
