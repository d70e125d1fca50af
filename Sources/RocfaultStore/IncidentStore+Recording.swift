import Foundation
internal import GRDB
import RocfaultCore

extension IncidentStore {
    /// Writes a batch in one transaction: cursors, processes, incidents (replacing the evidence of
    /// an incident recorded before), coverage and gaps. If any part fails, nothing of the batch is
    /// stored and the previous cursors remain.
    ///
    /// Cursors are written first. The order does not matter for correctness (the transaction makes
    /// the batch atomic); writing them first means a failure later in the batch would visibly lose a
    /// cursor update if atomicity ever broke, which the tests check.
    ///
    /// Returns the number (``StoredIncident/number``) of each incident of the batch, by its key.
    @discardableResult
    package func record(_ batch: StoreBatch) throws(StoreError) -> [String: Int64] {
        if batch.isEmpty { return [:] }
        let now = ColumnValues.microseconds(Date())
        return try write { db in
            let batchWriter = BatchWriter(db: db, now: now)
            for (source, value) in batch.cursors.sorted(by: { $0.key < $1.key }) {
                try batchWriter.writeCursor(source: source, value: value)
            }
            for process in batch.processes {
                try batchWriter.upsertProcess(process)
            }
            let incidentWriter = IncidentWriter(db: db, now: now)
            var numbers: [String: Int64] = [:]
            for entry in batch.incidents {
                numbers[entry.incident.id] = try incidentWriter.write(entry)
            }
            for interval in batch.coverage {
                try batchWriter.upsertCoverage(interval)
            }
            for gap in batch.gaps {
                try batchWriter.insertGap(gap)
            }
            return numbers
        }
    }

    /// The stored read position of `source`, if any.
    package func cursor(for source: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM cursor WHERE source = ?", arguments: [source])
        }
    }
}
