/// A known issue found to match an incident.
package struct KnownIssueMatch: Sendable, Codable, Hashable {
    /// The known issue id.
    package var id: String
    /// Link, if any.
    package var url: String?
    /// Title.
    package var title: String
    /// What to do.
    package var advice: String
    /// The first, safe step (absent in incidents recorded before known issues had tiers).
    package var immediate: String?
    /// What to try or collect next.
    package var investigate: String?
    /// The firmware versions the match depended on (its fingerprint's `firmware` condition), with
    /// where each was read; nil when no firmware condition decided it (and in older records).
    package var firmware: [FirmwareReading]?

    /// Creates a match from a known issue.
    package init(_ issue: KnownIssue) {
        self.id = issue.id
        self.url = issue.url
        self.title = issue.title
        self.advice = issue.advice
        self.immediate = issue.immediate
        self.investigate = issue.investigate
    }
}

/// One firmware version a known-issue match used, and where it was read.
package struct FirmwareReading: Sendable, Codable, Hashable {
    /// Where the versions a device coredump lists come from.
    package static let devcoredumpSource = "device coredump"

    /// The firmware's upper-case name (`MES`).
    package var name: String
    /// Its version.
    package var version: UInt64
    /// Where it was read: `sysfs card1 (0000:c5:00.0)`, `device coredump`.
    package var source: String

    /// Creates a reading.
    package init(name: String, version: UInt64, source: String) {
        self.name = name
        self.version = version
        self.source = source
    }

    /// The version the way the kernel prints it: `0x00000083`.
    package var hexVersion: String {
        let digits = String(version, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
