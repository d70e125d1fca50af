public import Foundation

/// What `rocfault status` shows about one log source.
public struct SourceStatus: Sendable, Hashable {
    /// The source name.
    public var source: String
    /// Its stored read position, if any.
    public var cursor: String?
    /// When the cursor was last written.
    public var cursorUpdatedAt: Date?
    /// The interval most recently recorded.
    public var latestCoverage: CoverageInterval?
    /// How many coverage intervals are stored.
    public var coverageCount: Int
    /// The gap most recently recorded.
    public var latestGap: CoverageGap?
    /// How many gaps are stored.
    public var gapCount: Int

    /// Creates a status.
    public init(
        source: String,
        cursor: String?,
        cursorUpdatedAt: Date?,
        latestCoverage: CoverageInterval?,
        coverageCount: Int,
        latestGap: CoverageGap?,
        gapCount: Int
    ) {
        self.source = source
        self.cursor = cursor
        self.cursorUpdatedAt = cursorUpdatedAt
        self.latestCoverage = latestCoverage
        self.coverageCount = coverageCount
        self.latestGap = latestGap
        self.gapCount = gapCount
    }
}
