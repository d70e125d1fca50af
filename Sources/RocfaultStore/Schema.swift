internal import GRDB

/// The database schema: its identity and the ordered migrations that build it.
///
/// `docs/schema.md` describes every table and column; keep it in step with the SQL here.
/// Migrations are append-only: never edit a released one, add `v2`, `v3`, ... instead.
enum Schema {
    /// `PRAGMA application_id` of a rocfault database: "ROCF" in ASCII.
    static let applicationID: Int32 = 0x524F_4346

    /// The migrator with every migration this build knows, oldest first.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            for statement in version1 {
                try db.execute(sql: statement)
            }
        }
        migrator.registerMigration("v2") { db in
            for statement in version2 {
                try db.execute(sql: statement)
            }
        }
        migrator.registerMigration("v3-devcoredump") { db in
            for statement in version3Devcoredump {
                try db.execute(sql: statement)
            }
        }
        migrator.registerMigration("v4-first-step") { db in
            try db.execute(sql: version4FirstStep)
        }
        return migrator
    }()

    /// Checks that `db` is a rocfault database (or a fresh, empty one when `allowFresh`), that no newer
    /// build has migrated it, and, when `requireComplete`, that every known migration is applied.
    static func verify(_ db: Database, path: String, allowFresh: Bool, requireComplete: Bool) throws {
        let identity = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables =
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ) ?? 0
        let isFresh = identity == 0 && tables == 0
        guard identity == applicationID || (isFresh && allowFresh) else {
            let detail =
                isFresh
                ? "the database is empty: rocfaultd has not initialised it yet"
                : "application id \(identity) is not rocfault's (\(applicationID))"
            throw StoreError(.notRocfaultDatabase, path: path, detail: detail)
        }
        if isFresh { return }
        if try migrator.hasBeenSuperseded(db) {
            let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
            let detail =
                "written by a newer rocfault (unknown migrations: \(unknown.joined(separator: ", "))); "
                + "upgrade rocfault to read it"
            throw StoreError(.newerSchema, path: path, detail: detail)
        }
        if requireComplete, try !migrator.hasCompletedMigrations(db) {
            let missing = Set(migrator.migrations).subtracting(try migrator.appliedIdentifiers(db)).sorted()
            let detail =
                "missing migrations \(missing.joined(separator: ", ")); start rocfaultd once to upgrade the database"
            throw StoreError(.olderSchema, path: path, detail: detail)
        }
    }

    /// Version 2: corrupt databases the daemon set aside, and match-limit hits per rule.
    static let version2: [String] = [
        """
        CREATE TABLE store_recovery (
            id INTEGER PRIMARY KEY,
            recovered_at_us INTEGER NOT NULL,
            kept_path TEXT NOT NULL,
            reason TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE match_limit_hit (
            rule_id TEXT PRIMARY KEY NOT NULL,
            hits INTEGER NOT NULL CHECK (hits >= 0),
            last_hit_at_us INTEGER NOT NULL
        )
        """,
    ]

    /// Migration `v3-devcoredump`: the amdgpu device coredumps the daemon copied.
    static let version3Devcoredump: [String] = [
        """
        CREATE TABLE devcoredump (
            id INTEGER PRIMARY KEY,
            boot_id TEXT NOT NULL,
            name TEXT NOT NULL,
            failing_device TEXT,
            file TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size >= 0),
            truncated INTEGER NOT NULL CHECK (truncated IN (0, 1)),
            reset_realtime_us INTEGER,
            reset_monotonic_us INTEGER,
            pid INTEGER,
            comm TEXT,
            ring TEXT,
            fault_address TEXT,
            fault_status TEXT,
            gfx_target TEXT,
            firmware TEXT CHECK (firmware IS NULL OR json_valid(firmware)),
            summary TEXT NOT NULL,
            incident_public_id TEXT,
            captured_at_us INTEGER NOT NULL,
            UNIQUE (boot_id, name)
        )
        """,
        "CREATE INDEX devcoredump_incident ON devcoredump (incident_public_id)",
    ]

    /// Migration `v4-first-step`: the verdict's first step, kept apart from its summary. Rows written
    /// before it hold NULL, and their step is read from the summary.
    static let version4FirstStep = "ALTER TABLE incident ADD COLUMN first_step TEXT"

    /// Version 1: incidents with evidence and lines, processes, coverage, gaps and cursors.
    static let version1: [String] = [
        """
        CREATE TABLE incident (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            public_id TEXT NOT NULL UNIQUE,
            side TEXT NOT NULL,
            failure_class TEXT NOT NULL,
            kernel_log TEXT NOT NULL,
            summary TEXT NOT NULL,
            verdict_known_issues TEXT NOT NULL CHECK (json_valid(verdict_known_issues)),
            known_issues TEXT NOT NULL CHECK (json_valid(known_issues)),
            rule_counts TEXT NOT NULL CHECK (json_valid(rule_counts)),
            pid INTEGER,
            comm TEXT,
            pasid INTEGER,
            first_seen_realtime_us INTEGER,
            first_seen_monotonic_us INTEGER,
            last_seen_realtime_us INTEGER,
            last_seen_monotonic_us INTEGER,
            boot_id TEXT,
            process_start_time INTEGER,
            signature TEXT NOT NULL,
            is_final INTEGER NOT NULL CHECK (is_final IN (0, 1)),
            created_at_us INTEGER NOT NULL,
            updated_at_us INTEGER NOT NULL
        )
        """,
        "CREATE INDEX incident_first_seen ON incident(first_seen_realtime_us)",
        "CREATE INDEX incident_side ON incident(side, first_seen_realtime_us)",
        "CREATE INDEX incident_pid ON incident(pid, first_seen_realtime_us)",
        "CREATE INDEX incident_comm ON incident(comm, first_seen_realtime_us)",
        "CREATE INDEX incident_age ON incident(coalesce(last_seen_realtime_us, updated_at_us))",
        """
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
            rule_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            failure_class TEXT NOT NULL,
            captures TEXT NOT NULL CHECK (json_valid(captures)),
            count INTEGER NOT NULL CHECK (count >= 1),
            note TEXT,
            UNIQUE (incident_id, ordinal)
        )
        """,
        """
        CREATE TABLE evidence_line (
            id INTEGER PRIMARY KEY,
            evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            is_context INTEGER NOT NULL CHECK (is_context IN (0, 1)),
            text TEXT NOT NULL,
            origin TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            source_file TEXT NOT NULL,
            source_line INTEGER NOT NULL,
            monotonic_us INTEGER,
            realtime_us INTEGER,
            pid INTEGER,
            identifier TEXT,
            UNIQUE (evidence_id, ordinal)
        )
        """,
        """
        CREATE TABLE process (
            id INTEGER PRIMARY KEY,
            boot_id TEXT NOT NULL,
            pid INTEGER NOT NULL,
            start_time INTEGER NOT NULL,
            comm TEXT,
            exe TEXT,
            cmdline TEXT CHECK (cmdline IS NULL OR json_valid(cmdline)),
            unit TEXT,
            cgroup TEXT,
            gpu_nodes TEXT CHECK (gpu_nodes IS NULL OR json_valid(gpu_nodes)),
            library_versions TEXT CHECK (library_versions IS NULL OR json_valid(library_versions)),
            environment TEXT CHECK (environment IS NULL OR json_valid(environment)),
            first_seen_realtime_us INTEGER,
            first_seen_monotonic_us INTEGER,
            exit_realtime_us INTEGER,
            exit_monotonic_us INTEGER,
            exit_signal INTEGER,
            coredump_stack TEXT,
            updated_at_us INTEGER NOT NULL,
            UNIQUE (boot_id, pid, start_time)
        )
        """,
        "CREATE INDEX process_pid ON process(pid)",
        """
        CREATE TABLE coverage (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            boot_id TEXT NOT NULL,
            includes_kernel INTEGER NOT NULL CHECK (includes_kernel IN (0, 1)),
            from_realtime_us INTEGER,
            from_monotonic_us INTEGER,
            to_realtime_us INTEGER,
            to_monotonic_us INTEGER,
            last_sequence INTEGER,
            updated_at_us INTEGER NOT NULL,
            CHECK (to_realtime_us >= from_realtime_us),
            CHECK (to_monotonic_us >= from_monotonic_us)
        )
        """,
        "CREATE INDEX coverage_source ON coverage(source, boot_id)",
        """
        CREATE TABLE gap (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            boot_id TEXT NOT NULL,
            from_realtime_us INTEGER,
            from_monotonic_us INTEGER,
            to_realtime_us INTEGER,
            to_monotonic_us INTEGER,
            from_sequence INTEGER,
            to_sequence INTEGER,
            reason TEXT NOT NULL,
            recorded_at_us INTEGER NOT NULL,
            CHECK (to_realtime_us >= from_realtime_us),
            CHECK (to_monotonic_us >= from_monotonic_us),
            CHECK (to_sequence >= from_sequence)
        )
        """,
        "CREATE INDEX gap_source ON gap(source, boot_id)",
        """
        CREATE TABLE cursor (
            source TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL,
            updated_at_us INTEGER NOT NULL
        )
        """,
    ]
}
