package import Foundation
internal import GRDB

/// What ``IncidentStore/deleteIncident(number:evenIfOpen:)`` did.
package enum IncidentDeletion: Sendable, Hashable {
    /// The incident and its evidence are gone.
    case deleted
    /// No incident has that number.
    case notFound
    /// The incident is still open (the daemon may still write it) and was kept.
    case keptOpen
}

extension IncidentStore {
    /// The numbers of the final incidents whose last evidence (or, without a wall-clock time, last
    /// store update) is before `cutoff`, oldest first: what ``deleteFinalIncidents(before:)`` deletes.
    package func finalIncidentNumbers(before cutoff: Date) throws(StoreError) -> [Int64] {
        let microseconds = ColumnValues.microseconds(cutoff)
        return try read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT id FROM incident WHERE is_final = 1 AND \(RetentionSteps.ageExpression) < ?
                    ORDER BY \(RetentionSteps.ageExpression), id
                    """,
                arguments: [microseconds]
            )
        }
    }

    /// Deletes, in one transaction, the final incidents ``finalIncidentNumbers(before:)`` names, with
    /// their evidence and lines (foreign-key cascade). Open incidents are never deleted: the daemon
    /// may still be writing them. Returns how many went. Works while the daemon writes (WAL; a
    /// busy database is waited for, then `busy`).
    @discardableResult
    package func deleteFinalIncidents(before cutoff: Date) throws(StoreError) -> Int {
        let microseconds = ColumnValues.microseconds(cutoff)
        return try write { db in
            try db.execute(
                sql: "DELETE FROM incident WHERE is_final = 1 AND \(RetentionSteps.ageExpression) < ?",
                arguments: [microseconds]
            )
            return db.changesCount
        }
    }

    /// Deletes incident `number` with its evidence and lines, in one transaction. An open incident
    /// is kept unless `evenIfOpen` (a running daemon writes it again, under a new number, when
    /// more evidence joins it).
    package func deleteIncident(number: Int64, evenIfOpen: Bool) throws(StoreError) -> IncidentDeletion {
        try write { db in
            guard
                let isFinal = try Bool.fetchOne(
                    db,
                    sql: "SELECT is_final FROM incident WHERE id = ?",
                    arguments: [number]
                )
            else { return .notFound }
            if !isFinal && !evenIfOpen { return .keptOpen }
            try db.execute(sql: "DELETE FROM incident WHERE id = ?", arguments: [number])
            return .deleted
        }
    }
}
