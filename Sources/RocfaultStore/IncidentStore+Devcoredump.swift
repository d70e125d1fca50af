import Foundation
internal import GRDB

#if canImport(Glibc)
import Glibc
#endif
import RocfaultCore

extension IncidentStore {
    /// Stores a copied device coredump, or replaces the row of the same boot and name (a later
    /// call with the incident it joined).
    package func recordDevcoredump(_ record: DevcoredumpRecord) throws(StoreError) {
        let firmware = Dictionary(
            record.dump.firmware.filter { $0.version != 0 }.map { ($0.name, $0.hexVersion) },
            uniquingKeysWith: { $1 }
        )
        let fault = record.dump.pageFault.flatMap { $0.isPresent ? $0 : nil }
        let values: [(any DatabaseValueConvertible)?] = [
            record.bootID, record.name, record.failingDevice, record.file, record.size, record.truncated ? 1 : 0,
            record.resetTime.realtimeMicroseconds, record.resetTime.monotonicMicroseconds.map { Int64($0) },
            record.dump.process.map { Int64($0.pid) }, record.dump.process?.name, record.dump.ringTimeout?.name,
            fault.map { "0x" + String($0.address, radix: 16) }, fault.map { "0x" + String($0.status, radix: 16) },
            record.dump.gfxTarget, firmware.isEmpty ? nil : try? ColumnValues.json(firmware),
            record.dump.summaryLines.joined(separator: "\n"), record.incidentKey,
            ColumnValues.microseconds(record.capturedAt),
        ]
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO devcoredump (boot_id, name, failing_device, file, size, truncated,
                        reset_realtime_us, reset_monotonic_us, pid, comm, ring, fault_address, fault_status,
                        gfx_target, firmware, summary, incident_public_id, captured_at_us)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (boot_id, name) DO UPDATE SET
                        incident_public_id = coalesce(excluded.incident_public_id, incident_public_id)
                    """,
                arguments: StatementArguments(values)
            )
        }
    }

    /// The device coredumps that joined the incident with this key (`incident.public_id`), oldest
    /// first: the file of each copy and its summary.
    package func devcoredumps(incidentKey: String) throws(StoreError) -> [StoredDevcoredump] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT name, file, summary, truncated, failing_device FROM devcoredump
                    WHERE incident_public_id = ? ORDER BY captured_at_us, id
                    """,
                arguments: [incidentKey]
            ).map { row in
                StoredDevcoredump(
                    name: row["name"],
                    file: row["file"],
                    summary: (row["summary"] as String).split(separator: "\n").map(String.init),
                    truncated: (row["truncated"] as Int) != 0,
                    failingDevice: row["failing_device"]
                )
            }
        }
    }
}

extension IncidentStore {
    /// Deletes the device coredumps whose incident is gone (deleted by retention, or never stored)
    /// and those older than `cutoff` (µs since the epoch), rows and copies alike. Rows younger than
    /// an hour are kept: their incident may not be committed yet.
    func deleteDevcoredumps(olderThan cutoff: Int64, now: Int64) throws(StoreError) {
        let settled = now - 3_600_000_000
        let files = try write { db -> [String] in
            let condition = """
                captured_at_us < ? OR (captured_at_us < ? AND (incident_public_id IS NULL OR NOT EXISTS (
                    SELECT 1 FROM incident WHERE incident.public_id = devcoredump.incident_public_id)))
                """
            let arguments: StatementArguments = [cutoff, settled]
            let files = try String.fetchAll(
                db,
                sql: "SELECT file FROM devcoredump WHERE \(condition)",
                arguments: arguments
            )
            try db.execute(sql: "DELETE FROM devcoredump WHERE \(condition)", arguments: arguments)
            return files
        }
        for file in files { unlink(file) }
    }
}

/// A stored device coredump as a report shows it.
package struct StoredDevcoredump: Sendable, Hashable {
    /// `devcd1`.
    package var name: String
    /// The compressed copy.
    package var file: String
    /// Its summary lines (ring, process, GPU, fault, firmware, VBIOS, kernel).
    package var summary: [String]
    /// Whether the copy stopped at the size cap.
    package var truncated: Bool
    /// The failing device's PCI address.
    package var failingDevice: String?
}
