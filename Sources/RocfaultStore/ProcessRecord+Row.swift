internal import GRDB
import RocfaultCore

extension ProcessRecord {
    /// Reads a `process` row.
    init(row: Row) throws {
        let key = ProcessKey(
            bootID: try row.required("boot_id"),
            pid: try row.required("pid"),
            startTime: try row.unsigned("start_time") ?? 0
        )
        let exit = try row.time("exit")
        self.init(
            key: key,
            comm: try row.optional("comm"),
            exe: try row.optional("exe"),
            cmdline: try row.json("cmdline", as: [String].self, default: []),
            unit: try row.optional("unit"),
            cgroup: try row.optional("cgroup"),
            gpuNodes: try row.json("gpu_nodes", as: [String].self, default: []),
            libraryVersions: try row.json("library_versions", as: [String: String].self, default: [:]),
            environment: try row.json("environment", as: [String: String].self, default: [:]),
            firstSeen: try row.time("first_seen"),
            exitTime: exit.isUnknown ? nil : exit,
            exitSignal: try row.optional("exit_signal"),
            coredumpStack: try row.optional("coredump_stack")
        )
    }
}
