import Foundation
import RocfaultCore
import RocfaultStore

/// What `rocfault status` reports about the database and its sources.
struct StoreStatus: Encodable {
    struct Source: Encodable {
        var name: String
        /// How far behind the source's own end it is, in words (``SourceProgressWords``).
        var progress: String
        /// Whether the words are a warning: behind, or not read because rocfaultd is not running.
        var lagging: Bool
        var position: String?
        var positionUpdated: String?
        var coveredFrom: String?
        var coveredTo: String?
        var lagSeconds: Double?
        var includesKernelLog: Bool?
        var intervals: Int
        /// Stretches of the log lost while reading (not the part of the ring gone before rocfaultd started).
        var gaps: Int
        var latestGap: String?
    }

    /// A lost stretch that is no gap: the kernel ring had already dropped those lines when rocfaultd
    /// started, which happens on every start after a busy boot.
    static let notAGap = "lost-before-start"

    /// Positions rocfaultd keeps for its own bookkeeping, not sources of their own: shown with `--verbose`.
    static let bookkeeping: Set<String> = ["kmsg-span", "previous-boot-scanned"]

    var database: String
    var sizeBytes: Int64
    var snapshot: Bool
    var incidents: Int
    var newestIncident: String?
    /// The newest incident's stored side and coverage, as `list` and `show` print them.
    var newestIncidentVerdict: String?
    /// What the coverage ledger holds for the newest boot read: the spans read and lost.
    var kernelLog: KernelLogRead?
    var sources: [Source]
    /// The last time rocfaultd found its database damaged and set it aside.
    var recovery: Recovery?
    /// Rules whose pattern gave up at the match limit (those lines counted as no match).
    var matchLimitHits: [MatchLimit]

    struct Recovery: Encodable {
        var date: String
        var keptPath: String
        var reason: String
    }

    struct MatchLimit: Encodable {
        var rule: String
        var hits: Int
        var lastHit: String
    }

    struct KernelLogRead: Encodable {
        var bootID: String
        var read: [String]
        var lost: [String]

        init?(_ ledger: KernelLogCoverageLedger) {
            let end = { (interval: KernelLogCoverageLedger.Interval) in interval.to?.realtimeMicroseconds ?? .min }
            guard let boot = ledger.intervals.max(by: { end($0) < end($1) })?.bootID else { return nil }
            bootID = boot
            read = ledger.intervals.filter { $0.bootID == boot }.map {
                KernelLogCoverageDetail.text(KernelLogCoverageSpan(source: $0.source, from: $0.from, to: $0.to))
            }
            lost = ledger.losses.filter { $0.bootID == boot && $0.reason != StoreStatus.notAGap }.map {
                "\(KernelLogCoverageDetail.range($0.from, $0.to)) (\($0.source): \($0.reason))"
            }
        }
    }

    /// Reads the store; `progress` measures each source against its own end, `daemonRunning` says
    /// whether rocfaultd reads them now.
    init(
        store: IncidentStore,
        now: Date,
        daemonRunning: Bool = false,
        progress: (SourceStatus) -> SourceProgress = { _ in .notMeasured }
    ) throws {
        database = store.path
        sizeBytes = store.databaseSize
        snapshot = store.isImmutableSnapshot
        let all = try store.storedIncidents(matching: IncidentQuery()).map(\.shown)
        incidents = all.count
        newestIncident = all.first.map {
            "\($0.id) at \(LocalTime.text(microseconds: $0.firstSeen.realtimeMicroseconds))"
        }
        newestIncidentVerdict = all.first.map {
            "\($0.verdict.side.rawValue), kernel log \($0.verdict.kernelLog.rawValue)"
        }
        kernelLog = KernelLogRead(try store.kernelLogLedger())
        recovery = try store.recoveries().first.map {
            Recovery(date: LocalTime.text($0.date), keptPath: $0.keptPath, reason: $0.reason)
        }
        matchLimitHits = try store.matchLimitHits().map {
            MatchLimit(rule: $0.ruleID, hits: $0.hits, lastHit: LocalTime.text($0.lastHit))
        }
        let nowMicroseconds = Int64(now.timeIntervalSince1970 * 1_000_000)
        sources = try store.sources().map { status in
            let to = status.latestCoverage?.to.realtimeMicroseconds
            let gaps = try store.gaps(source: status.source).filter { $0.reason != Self.notAGap }
            let cursorWritten = status.cursorUpdatedAt.map { Int64($0.timeIntervalSince1970 * 1_000_000) }
            let words = SourceProgressWords(
                progress: progress(status),
                daemonRunning: daemonRunning,
                readUpTo: to ?? cursorWritten,
                now: nowMicroseconds
            )
            return Source(
                name: status.source,
                progress: words.text,
                lagging: words.isWarning,
                position: status.cursor,
                positionUpdated: status.cursorUpdatedAt.map { LocalTime.text($0) },
                coveredFrom: status.latestCoverage.map { LocalTime.text(microseconds: $0.from.realtimeMicroseconds) },
                coveredTo: to.map { LocalTime.text(microseconds: $0) },
                lagSeconds: to.map { Double(nowMicroseconds - $0) / 1_000_000 },
                includesKernelLog: status.latestCoverage?.includesKernelLog,
                intervals: status.coverageCount,
                gaps: gaps.count,
                latestGap: gaps.last.map {
                    "\($0.reason) (\(LocalTime.text(microseconds: $0.from.realtimeMicroseconds)) to "
                        + "\(LocalTime.text(microseconds: $0.to.realtimeMicroseconds)))"
                }
            )
        }
    }
}
