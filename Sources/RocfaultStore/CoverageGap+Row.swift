internal import GRDB

extension CoverageGap {
    /// Reads a `gap` row.
    init(row: Row) throws {
        self.init(
            source: try row.required("source"),
            bootID: try row.required("boot_id"),
            from: try row.time("from"),
            to: try row.time("to"),
            fromSequence: try row.unsigned("from_sequence"),
            toSequence: try row.unsigned("to_sequence"),
            reason: try row.required("reason")
        )
    }
}
