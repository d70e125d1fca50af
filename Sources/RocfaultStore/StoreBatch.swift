/// Everything one step of the daemon produced, written by ``IncidentStore/record(_:)`` in a single
/// transaction: it lands whole or not at all.
///
/// Because the ``cursors`` travel with the incidents and coverage they produced, a daemon killed at
/// any moment restarts from a cursor that matches what is stored: nothing is lost or stored twice.
package struct StoreBatch: Sendable, Hashable {
    /// Incidents to insert or replace (by incident id).
    package var incidents: [IncidentEntry]
    /// Processes to insert or merge (by ``ProcessKey``).
    package var processes: [ProcessRecord]
    /// Coverage intervals to insert or extend.
    package var coverage: [CoverageInterval]
    /// Gaps to append.
    package var gaps: [CoverageGap]
    /// New read positions by source name (journal cursor, kmsg sequence, file offset).
    package var cursors: [String: String]

    /// Creates a batch.
    package init(
        incidents: [IncidentEntry] = [],
        processes: [ProcessRecord] = [],
        coverage: [CoverageInterval] = [],
        gaps: [CoverageGap] = [],
        cursors: [String: String] = [:]
    ) {
        self.incidents = incidents
        self.processes = processes
        self.coverage = coverage
        self.gaps = gaps
        self.cursors = cursors
    }

    /// Whether the batch holds nothing to write.
    package var isEmpty: Bool {
        incidents.isEmpty && processes.isEmpty && coverage.isEmpty && gaps.isEmpty && cursors.isEmpty
    }
}
