internal import GRDB
package import RocfaultCore

extension IncidentStore {
    /// Incidents matching `query`, newest first (by first-seen wall-clock time, then by number).
    /// Their `id` is the internal key; people see ``storedIncidents(matching:)``'s numbers.
    package func incidents(matching query: IncidentQuery) throws(StoreError) -> [Incident] {
        try storedIncidents(matching: query).map(\.incident)
    }

    /// Like ``incidents(matching:)``, with each incident's number and boot (no context lines, no process).
    package func storedIncidents(matching query: IncidentQuery) throws(StoreError) -> [StoredIncident] {
        var conditions: [String] = []
        var values: [(any DatabaseValueConvertible)?] = []
        func add(_ condition: String, _ value: (any DatabaseValueConvertible)?) {
            conditions.append(condition)
            values.append(value)
        }
        if let since = query.since { add("first_seen_realtime_us >= ?", ColumnValues.microseconds(since)) }
        if let until = query.until { add("first_seen_realtime_us <= ?", ColumnValues.microseconds(until)) }
        if let side = query.side { add("side = ?", side.rawValue) }
        if let pid = query.pid { add("pid = ?", pid) }
        if let comm = query.comm { add("comm = ?", comm) }
        if let bootID = query.bootID { add("boot_id = ?", bootID) }
        var sql = "SELECT * FROM incident"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY first_seen_realtime_us DESC, id DESC"
        if let limit = query.limit {
            sql += " LIMIT ?"
            values.append(max(0, limit))
        }
        let arguments = StatementArguments(values)
        return try read { db in
            try IncidentReader(db: db).fetch(sql: sql, arguments: arguments, withContext: false)
        }
    }

    /// The incident whose internal key (``IncidentEntry``'s `incident.id`) is `id`. Keys are for
    /// the daemon and the store's callers; people name an incident by its number
    /// (``storedIncident(number:)``).
    package func incident(id: String) throws(StoreError) -> Incident? {
        try read { db in try fetchOne(db, column: "public_id", value: id, withContext: false)?.incident }
    }

    /// Like ``incident(id:)``, with number, boot, context lines and the process.
    package func storedIncident(id: String) throws(StoreError) -> StoredIncident? {
        try read { db in
            guard var stored = try fetchOne(db, column: "public_id", value: id, withContext: true) else { return nil }
            stored.process = try process(db, for: stored)
            return stored
        }
    }

    /// The incident with number `number` (``StoredIncident/number``), with context lines and the process.
    package func storedIncident(number: Int64) throws(StoreError) -> StoredIncident? {
        try read { db in
            guard var stored = try fetchOne(db, column: "id", value: number, withContext: true) else { return nil }
            stored.process = try process(db, for: stored)
            return stored
        }
    }

    /// The newest incident, as ``incidents(matching:)`` orders them.
    package func lastIncident() throws(StoreError) -> Incident? {
        try incidents(matching: IncidentQuery(limit: 1)).first
    }

    /// The numbers of the incidents with these internal keys (keys not stored are left out).
    package func incidentNumbers(keys: [String]) throws(StoreError) -> [String: Int64] {
        try read { db in try IncidentWriter.numbers(db, keys: keys) }
    }

    /// The largest internal key that is a whole number (0 when there is none), so a restarted daemon
    /// makes keys after every stored one. Keys are never shown; see ``StoredIncident/number``.
    package func largestIncidentNumber() throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT MAX(CAST(public_id AS INTEGER)) FROM incident WHERE public_id GLOB '[0-9]*'"
            ) ?? 0
        }
    }

    /// The process with `key`, if recorded.
    package func process(_ key: ProcessKey) throws(StoreError) -> ProcessRecord? {
        let arguments: StatementArguments = [key.bootID, key.pid, Int64(clamping: key.startTime)]
        return try read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM process WHERE boot_id = ? AND pid = ? AND start_time = ?",
                arguments: arguments
            ).map(ProcessRecord.init(row:))
        }
    }

    /// Processes recorded with `pid` (in `bootID` when given), most recently seen first.
    package func processes(pid: Int32, bootID: String? = nil) throws(StoreError) -> [ProcessRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM process WHERE pid = ? AND (? IS NULL OR boot_id = ?)
                    ORDER BY first_seen_realtime_us DESC, id DESC
                    """,
                arguments: [pid, bootID, bootID]
            ).map(ProcessRecord.init(row:))
        }
    }

    private func fetchOne(
        _ db: Database,
        column: String,
        value: some DatabaseValueConvertible,
        withContext: Bool
    ) throws -> StoredIncident? {
        try IncidentReader(db: db).fetch(
            sql: "SELECT * FROM incident WHERE \(column) = ?",
            arguments: [value],
            withContext: withContext
        )
        .first
    }

    private func process(_ db: Database, for stored: StoredIncident) throws -> ProcessRecord? {
        guard let bootID = stored.bootID, let pid = stored.incident.pid else { return nil }
        let startTime = try ColumnValues.integer(stored.processStartTime, "process start time")
        return try Row.fetchOne(
            db,
            sql: """
                SELECT * FROM process WHERE boot_id = ? AND pid = ? AND (? IS NULL OR start_time = ?)
                ORDER BY first_seen_realtime_us DESC, id DESC LIMIT 1
                """,
            arguments: [bootID, pid, startTime, startTime]
        ).map(ProcessRecord.init(row:))
    }
}
