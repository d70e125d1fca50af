public import Foundation
public import RocfaultCore

/// Filters for ``IncidentStore/incidents(matching:)``. Results come newest first (by first-seen wall
/// clock time; incidents without one come last).
public struct IncidentQuery: Sendable, Hashable {
    /// Only incidents first seen at or after this time. Incidents without a wall-clock time never match.
    public var since: Date?
    /// Only incidents first seen at or before this time. Incidents without a wall-clock time never match.
    public var until: Date?
    /// Only this side. Write `Side.none` for incidents on no side: a bare `.none` is `Optional.none`,
    /// which means no filter.
    public var side: Side?
    /// Only this process id.
    public var pid: Int32?
    /// Only this command name (exact).
    public var comm: String?
    /// Only this boot.
    public var bootID: String?
    /// At most this many (the newest); nil for all.
    public var limit: Int?

    /// Creates a query; no arguments matches every incident.
    public init(
        since: Date? = nil,
        until: Date? = nil,
        side: Side? = nil,
        pid: Int32? = nil,
        comm: String? = nil,
        bootID: String? = nil,
        limit: Int? = nil
    ) {
        self.since = since
        self.until = until
        self.side = side
        self.pid = pid
        self.comm = comm
        self.bootID = bootID
        self.limit = limit
    }
}
