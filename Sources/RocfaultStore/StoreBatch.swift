/// Everything one step of the daemon produced, written by ``IncidentStore/record(_:)`` in a single
/// transaction: it lands whole or not at all.
///
/// Because the ``cursors`` travel with the incidents and coverage they produced, a daemon killed at
/// any moment restarts from a cursor that matches what is stored: nothing is lost or stored twice.
public struct StoreBatch: Sendable, Hashable {
    /// Incidents to insert or replace (by incident id).
    public var incidents: [IncidentEntry]
    /// Processes to insert or merge (by ``ProcessKey``).
    public var processes: [ProcessRecord]
    /// Coverage intervals to insert or extend.
    public var coverage: [CoverageInterval]
    /// Gaps to append.
    public var gaps: [CoverageGap]
    /// New read positions by source name (journal cursor, kmsg sequence, file offset).
    public var cursors: [String: String]

    /// Creates a batch.
    public init(
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
    public var isEmpty: Bool {
        incidents.isEmpty && processes.isEmpty && coverage.isEmpty && gaps.isEmpty && cursors.isEmpty
    }
}
