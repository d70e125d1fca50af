internal import GRDB
import RocfaultCore

extension IncidentStore {
    /// Incidents not yet final (a daemon stopped by SIGKILL left them open), oldest first, with their
    /// boot and context lines, so the next start can take them up again and finish them.
    package func openIncidents() throws(StoreError) -> [StoredIncident] {
        try read { db in
            try IncidentReader(db: db).fetch(
                sql: "SELECT * FROM incident WHERE is_final = 0 ORDER BY first_seen_realtime_us, id",
                withContext: true
            )
        }
    }
}
