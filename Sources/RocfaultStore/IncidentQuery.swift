package import Foundation
package import RocfaultCore

/// Filters for ``IncidentStore/incidents(matching:)``. Results come newest first (by first-seen wall
/// clock time; incidents without one come last).
package struct IncidentQuery: Sendable, Hashable {
    /// Only incidents first seen at or after this time. Incidents without a wall-clock time never match.
    package var since: Date?
    /// Only incidents first seen at or before this time. Incidents without a wall-clock time never match.
    package var until: Date?
    /// Only this side. Write `Side.none` for incidents on no side: a bare `.none` is `Optional.none`,
    /// which means no filter.
    package var side: Side?
    /// Only this process id.
    package var pid: Int32?
    /// Only this command name (exact).
    package var comm: String?
    /// Only this boot.
    package var bootID: String?
    /// At most this many (the newest); nil for all.
    package var limit: Int?

    /// Creates a query; no arguments matches every incident.
    package init(
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
