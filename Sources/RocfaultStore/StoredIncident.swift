public import Foundation
public import RocfaultCore

/// An incident as stored, with what `rocfault show` and `rocfault report` need beyond the core type.
public struct StoredIncident: Sendable, Hashable {
    /// The store's row number: short, increasing, never reused; `rocfault show` accepts it.
    public var rowID: Int64
    /// The incident with its evidence.
    public var incident: Incident
    /// The boot it happened in, when recorded.
    public var bootID: String?
    /// Its process's start time, when recorded.
    public var processStartTime: UInt64?
    /// Context lines per evidence index (only evidence that has some).
    public var context: [Int: EvidenceContext]
    /// The process the incident is about: the exact ``ProcessKey`` when the start time was recorded,
    /// otherwise the most recently seen process with that boot and pid.
    public var process: ProcessRecord?
    /// When the store first recorded it.
    public var createdAt: Date
    /// When the store last replaced it.
    public var updatedAt: Date

    /// Creates a stored incident.
    public init(
        rowID: Int64,
        incident: Incident,
        bootID: String?,
        processStartTime: UInt64?,
        context: [Int: EvidenceContext],
        process: ProcessRecord?,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.rowID = rowID
        self.incident = incident
        self.bootID = bootID
        self.processStartTime = processStartTime
        self.context = context
        self.process = process
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
