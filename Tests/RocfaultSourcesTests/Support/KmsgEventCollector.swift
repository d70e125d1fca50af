import Foundation
import RocfaultCore

@testable import RocfaultSources

/// Reads a ``KmsgReader`` until a condition holds or a deadline passes, waiting in `poll`.
enum KmsgEventCollector {
    /// Collects events until `done` returns true for the events so far, or `timeout` passes.
    static func collect(
        from reader: KmsgReader,
        timeout: Duration = .seconds(5),
        until done: ([KmsgEvent]) -> Bool
    ) throws -> [KmsgEvent] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var events: [KmsgEvent] = []
        while !done(events), clock.now < deadline {
            if let event = try reader.next() {
                events.append(event)
            } else {
                _ = try reader.waitUntilReadable(timeout: .milliseconds(100))
            }
        }
        return events
    }

    /// The entries among `events` whose text contains `marker`.
    static func entries(in events: [KmsgEvent], containing marker: String) -> [KmsgEntry] {
        events.compactMap { event in
            if case .record(let entry) = event, entry.record.text.contains(marker) { return entry }
            return nil
        }
    }

    /// The gaps among `events`.
    static func gaps(in events: [KmsgEvent]) -> [KmsgGap] {
        events.compactMap { event in
            if case .gap(let gap) = event { return gap }
            return nil
        }
    }
}
