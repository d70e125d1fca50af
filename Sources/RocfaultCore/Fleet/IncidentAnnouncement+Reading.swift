/// Why a journal entry is not read as an incident announcement.
package struct AnnouncementReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    package enum Code: String, Sendable, Hashable {
        /// Its MESSAGE_ID is not one of the two announcement ids.
        case notAnnouncement = "not-announcement"
        /// It was not sent by rocfaultd, by journald's trusted fields (anyone can write the ids).
        case untrustedSender = "untrusted-sender"
        /// A field is missing or has a value this rocfault does not know.
        case malformed
    }

    /// What is wrong.
    package var code: Code
    /// The detail, for a person.
    package var detail: String

    /// Creates an error.
    package init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// The code and detail.
    package var description: String { "\(code.rawValue): \(detail)" }
}

extension IncidentAnnouncement {
    /// The journal fields a reader must extract for ``init(journalFields:)``.
    package static let journalFieldNames: Set<String> = Set([
        "MESSAGE_ID", "_HOSTNAME", "ROCFAULT_INCIDENT", "ROCFAULT_STATE", "ROCFAULT_SIDE", "ROCFAULT_CLASS",
        "ROCFAULT_KERNEL_LOG", "ROCFAULT_SIGNATURE", "ROCFAULT_PID", "ROCFAULT_COMM", "ROCFAULT_KNOWN_ISSUES",
        "ROCFAULT_PASID", "ROCFAULT_GPU", "ROCFAULT_GFX_TARGET", "ROCFAULT_BOOT_ID", "ROCFAULT_FIRST_SEEN_US",
        "ROCFAULT_LAST_SEEN_US", "ROCFAULT_SUMMARY", "ROCFAULT_FIRST_STEP", "_BOOT_ID", "__REALTIME_TIMESTAMP",
    ]).union(JournalSender.fieldNames)

    /// Reads an announcement from a journal entry's fields. The sender must be a `rocfaultd`
    /// process by journald's trusted `_COMM`/`_EXE` (entries of older rocfaultd versions, without
    /// the state and time fields, are read too: the entry's own time stands for the first sight).
    package init(journalFields fields: [String: String]) throws(AnnouncementReadError) {
        let messageID = fields["MESSAGE_ID"]
        guard messageID == Self.recordedMessageID || messageID == Self.finalMessageID else {
            throw AnnouncementReadError(.notAnnouncement, "MESSAGE_ID \(messageID ?? "missing")")
        }
        let sender = JournalSender(fields: fields)
        guard sender.uid != nil, sender.isProgram("rocfaultd") else {
            throw AnnouncementReadError(.untrustedSender, "sent by \(sender.comm ?? "an unknown program")")
        }
        let number = try Self.required("ROCFAULT_INCIDENT", in: fields) { Int64($0).flatMap { $0 > 0 ? $0 : nil } }
        let verdict = Verdict(
            side: try Self.required("ROCFAULT_SIDE", in: fields) { Side(rawValue: $0) },
            failureClass: try Self.required("ROCFAULT_CLASS", in: fields) { FailureClass(rawValue: $0) },
            kernelLog: try Self.required("ROCFAULT_KERNEL_LOG", in: fields) { KernelLogCoverage(rawValue: $0) },
            knownIssues: fields["ROCFAULT_KNOWN_ISSUES"].map { $0.split(separator: " ").map(String.init) } ?? [],
            summary: fields["ROCFAULT_SUMMARY"] ?? "",
            firstStep: fields["ROCFAULT_FIRST_STEP"]
        )
        let entryTime = fields["__REALTIME_TIMESTAMP"].flatMap { Int64($0) }
        let firstSeen = fields["ROCFAULT_FIRST_SEEN_US"].flatMap { Int64($0) } ?? entryTime
        let incident = Incident(
            id: String(number),
            verdict: verdict,
            evidence: [],
            knownIssues: [],
            pid: fields["ROCFAULT_PID"].flatMap { Int32($0) },
            comm: fields["ROCFAULT_COMM"],
            pasid: fields["ROCFAULT_PASID"].flatMap { UInt32($0) },
            firstSeen: EventTime(realtimeMicroseconds: firstSeen),
            lastSeen: EventTime(
                realtimeMicroseconds: fields["ROCFAULT_LAST_SEEN_US"].flatMap { Int64($0) } ?? firstSeen
            ),
            ruleCounts: [:],
            signature: fields["ROCFAULT_SIGNATURE"] ?? "",
            isFinal: messageID == Self.finalMessageID
        )
        self.init(
            incident: incident,
            number: number,
            gpu: fields["ROCFAULT_GPU"],
            gfxTarget: fields["ROCFAULT_GFX_TARGET"],
            bootID: fields["ROCFAULT_BOOT_ID"] ?? fields["_BOOT_ID"],
            host: fields["_HOSTNAME"]
        )
    }

    private static func required<Value>(
        _ name: String,
        in fields: [String: String],
        _ parse: (String) -> Value?
    ) throws(AnnouncementReadError) -> Value {
        guard let text = fields[name] else { throw AnnouncementReadError(.malformed, "\(name) is missing") }
        guard let value = parse(text) else { throw AnnouncementReadError(.malformed, "\(name)=\(text) is not known") }
        return value
    }
}
