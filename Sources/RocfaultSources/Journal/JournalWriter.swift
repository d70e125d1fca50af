#if canImport(Glibc)
import Glibc
#endif
internal import CSystemd
package import RocfaultPlatform

/// Writes structured entries to the local journal with `sd_journal_sendv`.
///
/// ```swift
/// try JournalWriter().send(
///     message: "GPU incident: kernel-side page fault",
///     priority: 3,
///     fields: [JournalField("MESSAGE_ID", incidentMessageID), JournalField("ROCFAULT_PID", "4242")]
/// )
/// ```
package struct JournalWriter: Sendable {
    /// Creates a writer. It holds no resources: libsystemd keeps one socket per process.
    package init() {}

    /// Writes one entry with `MESSAGE`, `PRIORITY` and the given fields.
    ///
    /// - Parameters:
    ///   - message: The `MESSAGE` text.
    ///   - priority: The syslog level 0 (emerg) to 7 (debug); clamped into that range.
    ///   - fields: More fields, e.g. `MESSAGE_ID`, `SYSLOG_IDENTIFIER`, `ROCFAULT_RULE`.
    /// - Throws: ``SystemCallError`` (`EINVAL` with the field name in ``SystemCallError/detail``
    ///   for an invalid name; otherwise the socket error, e.g. `ENOENT` when no journald runs).
    package func send(message: String, priority: Int, fields: [JournalField] = []) throws(SystemCallError) {
        let level = String(min(max(priority, 0), 7))
        try send([JournalField("MESSAGE", message), JournalField("PRIORITY", level)] + fields)
    }

    /// Writes one entry made of exactly these fields.
    package func send(_ fields: [JournalField]) throws(SystemCallError) {
        if let invalid = fields.first(where: { !$0.hasValidName }) {
            throw SystemCallError(
                call: "sd_journal_sendv",
                errno: EINVAL,
                detail: "invalid field name '\(invalid.name)'"
            )
        }
        let items = fields.map { Array($0.name.utf8) + [UInt8(ascii: "=")] + $0.value }
        _ = try SystemCall.systemd("sd_journal_sendv", path: "/run/systemd/journal/socket") {
            Self.withIOVectors(items) { vectors in sd_journal_sendv(vectors.baseAddress, Int32(vectors.count)) }
        }
    }

    /// Calls `body` with an `iovec` for each item, valid for the duration of the call.
    private static func withIOVectors<Result>(
        _ items: [[UInt8]],
        _ body: (UnsafeBufferPointer<iovec>) -> Result
    ) -> Result {
        let total = items.reduce(0) { $0 + $1.count }
        return withUnsafeTemporaryAllocation(byteCount: max(total, 1), alignment: 1) { storage in
            var vectors: [iovec] = []
            vectors.reserveCapacity(items.count)
            var offset = 0
            for item in items {
                let start = storage.baseAddress! + offset
                item.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                vectors.append(iovec(iov_base: start, iov_len: item.count))
                offset += item.count
            }
            return vectors.withUnsafeBufferPointer(body)
        }
    }
}
