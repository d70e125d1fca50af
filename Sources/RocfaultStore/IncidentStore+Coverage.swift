internal import GRDB
package import RocfaultCore

extension IncidentStore {
    /// Whether the kernel log was read at `time` in boot `bootID`, judged by
    /// ``KernelLogCoverageLedger`` from every stored interval and gap (see `docs/daemon.md`,
    /// "Kernel-log coverage").
    package func kernelLogCoverage(at time: EventTime, bootID: String?) throws(StoreError) -> KernelLogCoverage {
        try kernelLogCoverageDetail(at: time, bootID: bootID).value
    }

    /// The coverage of `time` in boot `bootID` with the spans read and missing.
    package func kernelLogCoverageDetail(
        at time: EventTime,
        bootID: String?
    ) throws(StoreError)
        -> KernelLogCoverageDetail
    {
        try kernelLogLedger().coverage(at: time, bootID: bootID)
    }

    /// Every stored interval of a source carrying kernel messages, and those sources' gaps.
    package func kernelLogLedger() throws(StoreError) -> KernelLogCoverageLedger {
        try read { db in
            let intervals = try Row.fetchAll(db, sql: "SELECT * FROM coverage WHERE includes_kernel = 1 ORDER BY id")
                .map(CoverageInterval.init(row:))
            let gaps = try Row.fetchAll(db, sql: "SELECT * FROM gap ORDER BY id").map(CoverageGap.init(row:))
            return KernelLogCoverageLedger(stored: intervals, gaps: gaps)
        }
    }

    /// Recorded coverage intervals (of `source` when given), oldest recorded first.
    package func coverage(source: String? = nil) throws(StoreError) -> [CoverageInterval] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM coverage WHERE ? IS NULL OR source = ? ORDER BY id",
                arguments: [source, source]
            ).map(CoverageInterval.init(row:))
        }
    }

    /// Recorded gaps (of `source` when given), oldest recorded first.
    package func gaps(source: String? = nil) throws(StoreError) -> [CoverageGap] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM gap WHERE ? IS NULL OR source = ? ORDER BY id",
                arguments: [source, source]
            ).map(CoverageGap.init(row:))
        }
    }

    /// One status per source named by a cursor, a coverage interval or a gap, sorted by name.
    package func sources() throws(StoreError) -> [SourceStatus] {
        try read { db in
            let names = try String.fetchAll(
                db,
                sql: """
                    SELECT source FROM cursor UNION SELECT source FROM coverage UNION SELECT source FROM gap
                    ORDER BY 1
                    """
            )
            return try names.map { try status(db, source: $0) }
        }
    }

    private func status(_ db: Database, source: String) throws -> SourceStatus {
        let cursor = try Row.fetchOne(db, sql: "SELECT * FROM cursor WHERE source = ?", arguments: [source])
        let latestCoverage = try Row.fetchOne(
            db,
            sql: "SELECT * FROM coverage WHERE source = ? ORDER BY updated_at_us DESC, id DESC LIMIT 1",
            arguments: [source]
        )
        let latestGap = try Row.fetchOne(
            db,
            sql: "SELECT * FROM gap WHERE source = ? ORDER BY id DESC LIMIT 1",
            arguments: [source]
        )
        let count = { (table: String) throws -> Int in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE source = ?", arguments: [source]) ?? 0
        }
        return SourceStatus(
            source: source,
            cursor: try cursor?.required("value"),
            cursorUpdatedAt: try cursor?.date("updated_at_us"),
            latestCoverage: try latestCoverage.map(CoverageInterval.init(row:)),
            coverageCount: try count("coverage"),
            latestGap: try latestGap.map(CoverageGap.init(row:)),
            gapCount: try count("gap")
        )
    }
}
