/// The events of a source reader thread, as an async sequence with backpressure.
///
/// Iterate it once, from one task: `for try await event in source.events { ... }`. The reader
/// thread stays at most a bounded number of elements ahead of the consumer (see the sources'
/// `bufferLimit` options). The sequence ends when the source stops, and ends by throwing
/// ``SystemCallError`` when reading fails. Cancelling the iterating task stops the source.
public struct SourceStream<Element: Sendable>: AsyncSequence, Sendable {
    /// The error the sequence can end with (a ``SystemCallError``).
    public typealias Failure = any Error

    let base: AsyncThrowingStream<Element, any Error>
    let gate: CreditGate

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), gate: gate)
    }

    /// Iterates a ``SourceStream``, returning a credit to the reader thread per element.
    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<Element, any Error>.AsyncIterator
        let gate: CreditGate

        /// The next element, or `nil` at the end.
        public mutating func next() async throws -> Element? {
            guard let element = try await base.next() else { return nil }
            gate.giveBack()
            return element
        }
    }
}
