internal import GRDB

extension CoverageInterval {
    /// Reads a `coverage` row.
    init(row: Row) throws {
        self.init(
            source: try row.required("source"),
            bootID: try row.required("boot_id"),
            includesKernelLog: try row.required("includes_kernel"),
            from: try row.time("from"),
            to: try row.time("to"),
            lastSequence: try row.unsigned("last_sequence")
        )
    }
}
