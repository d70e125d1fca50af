import CRocfaultScan

/// Finds, fast, the lines of a buffer that contain any rule literal, and which literals a line holds.
///
/// Wraps the C scanner in `CRocfaultScan`. Immutable after creation, so one instance serves every thread.
package final class LiteralPrefilter: @unchecked Sendable {
    /// The distinct literals, by id.
    package let literals: [String]
    private let set: OpaquePointer

    /// Builds a prefilter over distinct literals (each at least four bytes; shorter ones are ignored).
    package init(literals: [String]) {
        self.literals = literals
        set = rf_literal_set_create()
        for (id, literal) in literals.enumerated() {
            var bytes = Array(literal.utf8)
            _ = rf_literal_set_add(set, &bytes, bytes.count, UInt32(id))
        }
    }

    deinit { rf_literal_set_free(set) }

    /// Calls `body` with the byte range of each line in `buffer` that contains a literal, in order.
    package func forEachCandidateLine(in buffer: UnsafeRawBufferPointer, _ body: (Range<Int>) throws -> Void) rethrows {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var position = 0
        var hits = [rf_line_hit](repeating: rf_line_hit(start: 0, end: 0), count: 256)
        while position < buffer.count {
            let count = hits.withUnsafeMutableBufferPointer { hitBuffer in
                rf_scan_lines(set, base, buffer.count, &position, hitBuffer.baseAddress, hitBuffer.count)
            }
            for hit in hits[0..<count] { try body(hit.start..<hit.end) }
            if count == 0 { break }
        }
    }

    /// Whether any literal occurs in the bytes: one hashed pass, the cheap test run on every line.
    package func containsCandidate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        var position = 0
        var hit = rf_line_hit(start: 0, end: 0)
        return rf_scan_lines(set, base, bytes.count, &position, &hit, 1) > 0
    }

    /// The ids of the literals occurring in a line.
    package func literalIDs(in line: UnsafeRawBufferPointer) -> [Int] {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        var ids = [UInt32](repeating: 0, count: literals.count)
        let count = ids.withUnsafeMutableBufferPointer { idBuffer in
            rf_literals_in_line(set, base, line.count, idBuffer.baseAddress, idBuffer.count)
        }
        return ids[0..<count].map { Int($0) }
    }
}
