/// A failure of the incident store, with what went wrong and which database file it concerns.
///
/// Every public entry point of ``IncidentStore`` throws only this type, so a caller can always
/// tell the user the path and a short reason instead of crashing.
package struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure it is.
    package enum Code: String, Sendable, Hashable, CaseIterable {
        /// The database file does not exist (read-only open) or its directory does not (read-write open).
        case notFound = "not-found"
        /// The file or its directory cannot be read, created or written by this user.
        case permissionDenied = "permission-denied"
        /// The file is not an SQLite database, or SQLite found it damaged.
        case corrupt
        /// The file is an SQLite database, but not one written by rocfault.
        case notRocfaultDatabase = "not-rocfault-database"
        /// The database was written by a newer rocfault with migrations this build does not know.
        case newerSchema = "newer-schema"
        /// The database lacks migrations this build needs, and the store was opened read-only.
        case olderSchema = "older-schema"
        /// A write was attempted on a store opened read-only.
        case readOnly = "read-only"
        /// A batch broke a schema rule (for example an evidence count below 1); nothing of it was stored.
        case constraintViolation = "constraint-violation"
        /// A value could not be stored or read back (out of range, unknown enum value, bad JSON).
        case invalidData = "invalid-data"
        /// Another connection held a lock for longer than the busy timeout.
        case busy
        /// The disk is full.
        case diskFull = "disk-full"
        /// An input/output error from the operating system.
        case io
        /// The store was used after ``IncidentStore/close()``.
        case closed
        /// Any other SQLite failure.
        case sqlite
    }

    /// What kind of failure it is.
    package var code: Code
    /// The database file the failure concerns.
    package var path: String
    /// A short technical explanation (SQLite's message, the failing operation).
    package var detail: String

    /// Creates an error.
    package init(_ code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    /// `incident store <path>: <code>: <detail>`.
    package var description: String { "incident store \(path): \(code.rawValue): \(detail)" }
}
