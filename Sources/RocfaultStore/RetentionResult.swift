/// What ``IncidentStore/applyRetention(maxBytes:maxAge:now:)`` did.
public struct RetentionResult: Sendable, Hashable {
    /// Incidents deleted for being older than the age limit.
    public var deletedByAge: Int
    /// Incidents deleted, oldest first, to get under the size limit.
    public var deletedBySize: Int
    /// ``IncidentStore/databaseSize`` before.
    public var bytesBefore: Int64
    /// ``IncidentStore/databaseSize`` after.
    public var bytesAfter: Int64

    /// Creates a result.
    public init(deletedByAge: Int, deletedBySize: Int, bytesBefore: Int64, bytesAfter: Int64) {
        self.deletedByAge = deletedByAge
        self.deletedBySize = deletedBySize
        self.bytesBefore = bytesBefore
        self.bytesAfter = bytesAfter
    }
}
