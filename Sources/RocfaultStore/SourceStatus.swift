package import Foundation

/// What `rocfault status` shows about one log source.
package struct SourceStatus: Sendable, Hashable {
    /// The source name.
    package var source: String
    /// Its stored read position, if any.
    package var cursor: String?
    /// When the cursor was last written.
    package var cursorUpdatedAt: Date?
    /// The interval most recently recorded.
    package var latestCoverage: CoverageInterval?
    /// How many coverage intervals are stored.
    package var coverageCount: Int
    /// The gap most recently recorded.
    package var latestGap: CoverageGap?
    /// How many gaps are stored.
    package var gapCount: Int

    /// Creates a status.
    package init(
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
