import Foundation
internal import GRDB
import RocfaultCore

/// Inserts or replaces one incident with its evidence, lines and context inside the caller's transaction.
struct IncidentWriter {
    let db: Database
    /// The store's clock, in µs since the epoch.
    let now: Int64

    /// Writes `entry`; returns the incident's number (its row id, kept when the key is written again).
    @discardableResult
    func write(_ entry: IncidentEntry) throws -> Int64 {
        let incident = entry.incident
        if let bad = entry.context.keys.first(where: { !incident.evidence.indices.contains($0) }) {
            throw ColumnValueError(
                "incident \(incident.id): context for evidence \(bad), but it has \(incident.evidence.count)"
            )
        }
        let rowID = try upsertRow(entry)
        try db.execute(sql: "DELETE FROM evidence WHERE incident_id = ?", arguments: [rowID])
        for (ordinal, evidence) in incident.evidence.enumerated() {
            let evidenceID = try insertEvidence(evidence, ordinal: ordinal, incidentID: rowID)
            try insertLines(evidence.lines, evidenceID: evidenceID, context: entry.context[ordinal])
        }
        return rowID
    }

    /// The numbers of the incidents with these keys.
    static func numbers(_ db: Database, keys: [String]) throws -> [String: Int64] {
        var numbers: [String: Int64] = [:]
        for key in keys {
            let number = try Int64.fetchOne(db, sql: "SELECT id FROM incident WHERE public_id = ?", arguments: [key])
            if let number { numbers[key] = number }
        }
        return numbers
    }

    private func upsertRow(_ entry: IncidentEntry) throws -> Int64 {
        let incident = entry.incident
        let verdict = incident.verdict
        var values: [(any DatabaseValueConvertible)?] = [
            incident.id, verdict.side.rawValue, verdict.failureClass.rawValue, verdict.kernelLog.rawValue,
            verdict.summary, try ColumnValues.json(verdict.knownIssues), try ColumnValues.json(incident.knownIssues),
            try ColumnValues.json(incident.ruleCounts), incident.pid, incident.comm, incident.pasid,
        ]
        values += try ColumnValues.time(incident.firstSeen, "first seen")
        values += try ColumnValues.time(incident.lastSeen, "last seen")
        values += [
            entry.bootID, try ColumnValues.integer(entry.processStartTime, "process start time"),
            incident.signature, incident.isFinal, verdict.recordedFirstStep, now, now,
        ]
        try db.cachedStatement(sql: Self.upsertSQL).execute(arguments: StatementArguments(values))
        guard
            let rowID = try Int64.fetchOne(
                db,
                sql: "SELECT id FROM incident WHERE public_id = ?",
                arguments: [incident.id]
            )
        else {
            throw ColumnValueError("incident \(incident.id) vanished after being written")
        }
        return rowID
    }

    private func insertEvidence(_ evidence: Evidence, ordinal: Int, incidentID: Int64) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO evidence (incident_id, ordinal, rule_id, kind, failure_class, captures, count, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                incidentID, ordinal, evidence.ruleID, evidence.kind.rawValue, evidence.failureClass.rawValue,
                try ColumnValues.json(evidence.captures), evidence.count, evidence.note,
            ]
        )
        return db.lastInsertedRowID
    }

    /// Evidence lines get ordinals 0..<n; context before them negative ordinals, after them n and up,
    /// so `ORDER BY ordinal` gives log order.
    private func insertLines(_ lines: [EvidenceLine], evidenceID: Int64, context: EvidenceContext?) throws {
        let before = context?.before ?? []
        for (index, line) in before.enumerated() {
            try insertLine(line, evidenceID: evidenceID, ordinal: index - before.count, isContext: true)
        }
        for (index, line) in lines.enumerated() {
            try insertLine(line, evidenceID: evidenceID, ordinal: index, isContext: false)
        }
        for (index, line) in (context?.after ?? []).enumerated() {
            try insertLine(line, evidenceID: evidenceID, ordinal: lines.count + index, isContext: true)
        }
    }

    private func insertLine(_ line: EvidenceLine, evidenceID: Int64, ordinal: Int, isContext: Bool) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO evidence_line (evidence_id, ordinal, is_context, text, origin, rule_id, source_file,
                source_line, monotonic_us, realtime_us, pid, identifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                evidenceID, ordinal, isContext, line.text, line.origin.rawValue, line.ruleID, line.location.file,
                line.location.line, try ColumnValues.integer(line.monotonicMicroseconds, "line time"),
                line.realtimeMicroseconds, line.pid, line.identifier,
            ]
        )
    }

    private static let upsertSQL = """
        INSERT INTO incident (public_id, side, failure_class, kernel_log, summary, verdict_known_issues,
        known_issues, rule_counts, pid, comm, pasid, first_seen_realtime_us, first_seen_monotonic_us,
        last_seen_realtime_us, last_seen_monotonic_us, boot_id, process_start_time, signature, is_final,
        first_step, created_at_us, updated_at_us)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(public_id) DO UPDATE SET
            side = excluded.side,
            failure_class = excluded.failure_class,
            kernel_log = excluded.kernel_log,
            summary = excluded.summary,
            verdict_known_issues = excluded.verdict_known_issues,
            known_issues = excluded.known_issues,
            rule_counts = excluded.rule_counts,
            pid = excluded.pid,
            comm = excluded.comm,
            pasid = excluded.pasid,
            first_seen_realtime_us = excluded.first_seen_realtime_us,
            first_seen_monotonic_us = excluded.first_seen_monotonic_us,
            last_seen_realtime_us = excluded.last_seen_realtime_us,
            last_seen_monotonic_us = excluded.last_seen_monotonic_us,
            boot_id = excluded.boot_id,
            process_start_time = excluded.process_start_time,
            signature = excluded.signature,
            is_final = excluded.is_final,
            first_step = excluded.first_step,
            updated_at_us = excluded.updated_at_us
        """
}
