/// What ``IncidentStore/applyRetention(maxBytes:maxAge:now:)`` did.
package struct RetentionResult: Sendable, Hashable {
    /// Incidents deleted for being older than the age limit.
    package var deletedByAge: Int
    /// Incidents deleted, oldest first, to get under the size limit.
    package var deletedBySize: Int
    /// ``IncidentStore/databaseSize`` before.
    package var bytesBefore: Int64
    /// ``IncidentStore/databaseSize`` after.
    package var bytesAfter: Int64

    /// Creates a result.
    package init(deletedByAge: Int, deletedBySize: Int, bytesBefore: Int64, bytesAfter: Int64) {
        self.deletedByAge = deletedByAge
        self.deletedBySize = deletedBySize
        self.bytesBefore = bytesBefore
        self.bytesAfter = bytesAfter
    }
}
