import Foundation
internal import GRDB
import RocfaultCore

/// Writes the parts of a ``StoreBatch`` inside the caller's transaction.
struct BatchWriter {
    let db: Database
    /// The store's clock for `created_at_us`/`updated_at_us`, in µs since the epoch.
    let now: Int64

    func writeCursor(source: String, value: String) throws {
        try db.execute(
            sql: """
                INSERT INTO cursor (source, value, updated_at_us) VALUES (?, ?, ?)
                ON CONFLICT(source) DO UPDATE SET value = excluded.value, updated_at_us = excluded.updated_at_us
                """,
            arguments: [source, value, now]
        )
    }

    func upsertProcess(_ process: ProcessRecord) throws {
        var values: [(any DatabaseValueConvertible)?] = [
            process.key.bootID, process.key.pid, try ColumnValues.integer(process.key.startTime, "start time"),
            process.comm, process.exe, try ColumnValues.jsonUnlessEmpty(process.cmdline), process.unit,
            process.cgroup, try ColumnValues.jsonUnlessEmpty(process.gpuNodes),
            try ColumnValues.jsonUnlessEmpty(process.libraryVersions),
            try ColumnValues.jsonUnlessEmpty(process.environment),
        ]
        values += try ColumnValues.time(process.firstSeen, "first seen")
        values += try ColumnValues.time(process.exitTime, "exit time")
        values += [process.exitSignal, process.coredumpStack, now]
        try db.execute(sql: Self.upsertProcessSQL, arguments: StatementArguments(values))
    }

    func upsertCoverage(_ interval: CoverageInterval) throws {
        let from = try ColumnValues.time(interval.from, "coverage start")
        let existing = try Int64.fetchOne(
            db,
            sql: """
                SELECT id FROM coverage WHERE source = ? AND boot_id = ?
                AND from_realtime_us IS ? AND from_monotonic_us IS ?
                """,
            arguments: StatementArguments([interval.source, interval.bootID] + from)
        )
        let to = try ColumnValues.time(interval.to, "coverage end")
        let sequence = try ColumnValues.integer(interval.lastSequence, "sequence")
        if let existing {
            try db.execute(
                sql: """
                    UPDATE coverage SET includes_kernel = ?, to_realtime_us = ?, to_monotonic_us = ?,
                    last_sequence = ?, updated_at_us = ? WHERE id = ?
                    """,
                arguments: StatementArguments([interval.includesKernelLog] + to + [sequence, now, existing])
            )
            return
        }
        try db.execute(
            sql: """
                INSERT INTO coverage (source, boot_id, includes_kernel, from_realtime_us, from_monotonic_us,
                to_realtime_us, to_monotonic_us, last_sequence, updated_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(
                [interval.source, interval.bootID, interval.includesKernelLog] + from + to + [sequence, now]
            )
        )
    }

    func insertGap(_ gap: CoverageGap) throws {
        var values: [(any DatabaseValueConvertible)?] = [gap.source, gap.bootID]
        values += try ColumnValues.time(gap.from, "gap start")
        values += try ColumnValues.time(gap.to, "gap end")
        values += [
            try ColumnValues.integer(gap.fromSequence, "sequence"),
            try ColumnValues.integer(gap.toSequence, "sequence"), gap.reason, now,
        ]
        try db.execute(
            sql: """
                INSERT INTO gap (source, boot_id, from_realtime_us, from_monotonic_us, to_realtime_us,
                to_monotonic_us, from_sequence, to_sequence, reason, recorded_at_us)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(values)
        )
    }

    private static let upsertProcessSQL = """
        INSERT INTO process (boot_id, pid, start_time, comm, exe, cmdline, unit, cgroup, gpu_nodes,
        library_versions, environment, first_seen_realtime_us, first_seen_monotonic_us, exit_realtime_us,
        exit_monotonic_us, exit_signal, coredump_stack, updated_at_us)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(boot_id, pid, start_time) DO UPDATE SET
            comm = coalesce(excluded.comm, comm),
            exe = coalesce(excluded.exe, exe),
            cmdline = coalesce(excluded.cmdline, cmdline),
            unit = coalesce(excluded.unit, unit),
            cgroup = coalesce(excluded.cgroup, cgroup),
            gpu_nodes = coalesce(excluded.gpu_nodes, gpu_nodes),
            library_versions = coalesce(excluded.library_versions, library_versions),
            environment = coalesce(excluded.environment, environment),
            first_seen_realtime_us = coalesce(first_seen_realtime_us, excluded.first_seen_realtime_us),
            first_seen_monotonic_us = coalesce(first_seen_monotonic_us, excluded.first_seen_monotonic_us),
            exit_realtime_us = coalesce(excluded.exit_realtime_us, exit_realtime_us),
            exit_monotonic_us = coalesce(excluded.exit_monotonic_us, exit_monotonic_us),
            exit_signal = coalesce(excluded.exit_signal, exit_signal),
            coredump_stack = coalesce(excluded.coredump_stack, coredump_stack),
            updated_at_us = excluded.updated_at_us
        """
}
