import RocfaultPlatform
/// The events of a source reader thread, as an async sequence with backpressure.
///
/// Iterate it once, from one task: `for try await event in source.events { ... }`. The reader
/// thread stays at most a bounded number of elements ahead of the consumer (see the sources'
/// `bufferLimit` options). The sequence ends when the source stops, and ends by throwing
/// ``SystemCallError`` when reading fails. Cancelling the iterating task stops the source.
package struct SourceStream<Element: Sendable>: AsyncSequence, Sendable {
    package typealias Failure = any Error

    let base: AsyncThrowingStream<[Element], any Error>
    let gate: CreditGate

    package func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), gate: gate)
    }

    /// The same elements in the batches the reader thread handed over: one await per batch, for
    /// consumers that go through many elements quickly.
    package var batches: Batches { Batches(base: base, gate: gate) }

    /// Iterates a ``SourceStream``, returning a credit to the reader thread per element.
    package struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<[Element], any Error>.AsyncIterator
        let gate: CreditGate
        var pending: [Element] = []
        var index = 0

        package mutating func next() async throws -> Element? {
            while index == pending.count {
                guard let batch = try await base.next() else { return nil }
                pending = batch
                index = 0
            }
            let element = pending[index]
            index += 1
            gate.giveBack()
            return element
        }
    }

    /// A ``SourceStream``'s elements, batch by batch.
    package struct Batches: AsyncSequence, Sendable {
        package typealias Failure = any Error

        let base: AsyncThrowingStream<[Element], any Error>
        let gate: CreditGate

        package func makeAsyncIterator() -> Iterator {
            Iterator(base: base.makeAsyncIterator(), gate: gate)
        }

        /// Iterates batches, returning the credits of each batch as it is handed out.
        package struct Iterator: AsyncIteratorProtocol {
            var base: AsyncThrowingStream<[Element], any Error>.AsyncIterator
            let gate: CreditGate

            package mutating func next() async throws -> [Element]? {
                guard let batch = try await base.next() else { return nil }
                gate.giveBack(batch.count)
                return batch
            }
        }
    }
}
