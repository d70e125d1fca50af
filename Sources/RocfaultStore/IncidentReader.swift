import Foundation
internal import GRDB
import RocfaultCore

/// Reads incidents with their evidence and lines back into core values.
struct IncidentReader {
    let db: Database

    /// Incidents selected by `sql` (which must select `incident.*`), in its order, with evidence and,
    /// when `withContext`, context lines.
    func fetch(sql: String, arguments: StatementArguments = [], withContext: Bool) throws -> [StoredIncident] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        let rowIDs: [Int64] = try rows.map { try $0.required("id") }
        let evidenceRows = try fetchChildren(
            table: "evidence",
            parentColumn: "incident_id",
            parents: rowIDs
        )
        let evidenceIDs: [Int64] = try evidenceRows.map { try $0.required("id") }
        let lineRows = try fetchChildren(
            table: "evidence_line",
            parentColumn: "evidence_id",
            parents: evidenceIDs,
            filter: withContext ? "" : "AND is_context = 0"
        )
        let lines = try Dictionary(grouping: lineRows) { row -> Int64 in try row.required("evidence_id") }
        let evidence = try Dictionary(grouping: evidenceRows) { row -> Int64 in try row.required("incident_id") }
        return try rows.map { row in
            let rowID: Int64 = try row.required("id")
            let assembled = try (evidence[rowID] ?? []).map { try assembleEvidence($0, lines: lines) }
            return try storedIncident(row, evidence: assembled)
        }
    }

    /// Rows of `table` whose `parentColumn` is one of `parents`, ordered by parent then ordinal.
    private func fetchChildren(
        table: String,
        parentColumn: String,
        parents: [Int64],
        filter: String = ""
    ) throws -> [Row] {
        var rows: [Row] = []
        var start = 0
        while start < parents.count {
            let chunk = Array(parents[start..<min(start + 500, parents.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            rows += try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM \(table) WHERE \(parentColumn) IN (\(marks)) \(filter)
                    ORDER BY \(parentColumn), ordinal
                    """,
                arguments: StatementArguments(chunk)
            )
            start += chunk.count
        }
        return rows
    }

    private func assembleEvidence(
        _ row: Row,
        lines: [Int64: [Row]]
    ) throws -> (evidence: Evidence, context: EvidenceContext) {
        let evidenceID: Int64 = try row.required("id")
        var context = EvidenceContext()
        var evidenceLines: [EvidenceLine] = []
        for lineRow in lines[evidenceID] ?? [] {
            let line = try evidenceLine(lineRow)
            let ordinal: Int = try lineRow.required("ordinal")
            let isContext: Bool = try lineRow.required("is_context")
            switch (isContext, ordinal < 0) {
            case (false, _): evidenceLines.append(line)
            case (true, true): context.before.append(line)
            case (true, false): context.after.append(line)
            }
        }
        let evidence = Evidence(
            ruleID: try row.required("rule_id"),
            kind: try row.rawValue("kind", as: EvidenceKind.self),
            failureClass: try row.rawValue("failure_class", as: FailureClass.self),
            lines: evidenceLines,
            captures: try row.json("captures", as: [String: String].self, default: [:]),
            count: try row.required("count"),
            note: try row.optional("note")
        )
        return (evidence, context)
    }

    private func evidenceLine(_ row: Row) throws -> EvidenceLine {
        let record = LogRecord(
            text: try row.required("text"),
            origin: try row.rawValue("origin", as: RecordOrigin.self),
            format: .plain,
            location: SourceLocation(file: try row.required("source_file"), line: try row.required("source_line")),
            monotonicMicroseconds: try row.unsigned("monotonic_us"),
            realtimeMicroseconds: try row.optional("realtime_us"),
            pid: try row.optional("pid"),
            identifier: try row.optional("identifier")
        )
        return EvidenceLine(record: record, ruleID: try row.required("rule_id"))
    }

    private func storedIncident(
        _ row: Row,
        evidence: [(evidence: Evidence, context: EvidenceContext)]
    ) throws -> StoredIncident {
        let verdict = Verdict(
            side: try row.rawValue("side", as: Side.self),
            failureClass: try row.rawValue("failure_class", as: FailureClass.self),
            kernelLog: try row.rawValue("kernel_log", as: KernelLogCoverage.self),
            knownIssues: try row.json("verdict_known_issues", as: [String].self, default: []),
            summary: try row.required("summary"),
            firstStep: try row.optional("first_step")
        )
        let incident = Incident(
            id: try row.required("public_id"),
            verdict: verdict,
            evidence: evidence.map(\.evidence),
            knownIssues: try row.json("known_issues", as: [KnownIssueMatch].self, default: []),
            pid: try row.optional("pid"),
            comm: try row.optional("comm"),
            pasid: try row.optional("pasid"),
            firstSeen: try row.time("first_seen"),
            lastSeen: try row.time("last_seen"),
            ruleCounts: try row.json("rule_counts", as: [String: Int].self, default: [:]),
            signature: try row.required("signature"),
            isFinal: try row.required("is_final")
        )
        var context: [Int: EvidenceContext] = [:]
        for (index, item) in evidence.enumerated() where !item.context.isEmpty {
            context[index] = item.context
        }
        return StoredIncident(
            number: try row.required("id"),
            incident: incident,
            bootID: try row.optional("boot_id"),
            processStartTime: try row.unsigned("process_start_time"),
            context: context,
            process: nil,
            createdAt: try row.date("created_at_us"),
            updatedAt: try row.date("updated_at_us")
        )
    }
}
