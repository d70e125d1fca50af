import Foundation
import RocfaultCore
import RocfaultStore

/// What `rocfault status` reports about the database and its sources.
struct StoreStatus: Encodable {
    struct Source: Encodable {
        var name: String
        var position: String?
        var positionUpdated: String?
        var coveredFrom: String?
        var coveredTo: String?
        var lagSeconds: Double?
        var includesKernelLog: Bool?
        var intervals: Int
        var gaps: Int
        var latestGap: String?
    }

    var database: String
    var sizeBytes: Int64
    var snapshot: Bool
    var incidents: Int
    var newestIncident: String?
    var sources: [Source]

    init(store: IncidentStore, now: Date) throws {
        database = store.path
        sizeBytes = store.databaseSize
        snapshot = store.isImmutableSnapshot
        let all = try store.storedIncidents(matching: IncidentQuery()).map(\.shown)
        incidents = all.count
        newestIncident = all.first.map {
            "\($0.id) at \(LocalTime.text(microseconds: $0.firstSeen.realtimeMicroseconds))"
        }
        let nowMicroseconds = Int64(now.timeIntervalSince1970 * 1_000_000)
        sources = try store.sources().map { status in
            let to = status.latestCoverage?.to.realtimeMicroseconds
            return Source(
                name: status.source,
                position: status.cursor,
                positionUpdated: status.cursorUpdatedAt.map { LocalTime.text($0) },
                coveredFrom: status.latestCoverage.map { LocalTime.text(microseconds: $0.from.realtimeMicroseconds) },
                coveredTo: to.map { LocalTime.text(microseconds: $0) },
                lagSeconds: to.map { Double(nowMicroseconds - $0) / 1_000_000 },
                includesKernelLog: status.latestCoverage?.includesKernelLog,
                intervals: status.coverageCount,
                gaps: status.gapCount,
                latestGap: status.latestGap.map {
                    "\($0.reason) (\(LocalTime.text(microseconds: $0.from.realtimeMicroseconds)) to "
                        + "\(LocalTime.text(microseconds: $0.to.realtimeMicroseconds)))"
                }
            )
        }
    }
}
