/// What rocfaultd writes to the journal about an incident (one entry when it is recorded, one when
/// it is final), and what `rocfault list --journal-directory` reads back from a journal that many
/// machines forwarded to (systemd-journal-remote). Both directions live here so the field set is
/// one list: writer and reader cannot drift apart.
package struct IncidentAnnouncement: Sendable, Hashable {
    /// MESSAGE_ID of "an incident was recorded" (first sight of an incident).
    package static let recordedMessageID = "7c30da61307a4535a671a33555845ec7"
    /// MESSAGE_ID of "an incident is final" (its correlation window closed).
    package static let finalMessageID = "4999ecf90b7b497b95ff884579aa0a08"

    /// The incident as announced: its `id` is the store's number; evidence, rule counts and known
    /// issues' advice are not announced (their ids are, in `verdict.knownIssues`).
    package var incident: Incident
    /// The incident's number in the announcing machine's store.
    package var number: Int64
    /// The PCI address of the GPU a kernel line named (`0000:c5:00.0`), when one did.
    package var gpu: String?
    /// The gfx target of the machine's GPUs when they all share one (`gfx1151`).
    package var gfxTarget: String?
    /// The boot the incident happened in.
    package var bootID: String?
    /// The announcing machine (journald's trusted `_HOSTNAME`); nil when writing.
    package var host: String?

    /// Creates an announcement of `incident` under `number`; its state is `incident.isFinal`.
    package init(incident: Incident, number: Int64, gpu: String?, gfxTarget: String?, bootID: String?, host: String?) {
        self.incident = incident
        self.number = number
        self.gpu = gpu
        self.gfxTarget = gfxTarget
        self.bootID = bootID
        self.host = host
    }

    /// Whether the incident was final when announced.
    package var isFinal: Bool { incident.isFinal }

    /// "recorded" or "final".
    package var state: String { isFinal ? "final" : "recorded" }

    /// The entry's syslog priority: error for kernel-side, warning for userspace and hangs, info otherwise.
    package var priority: Int {
        switch incident.verdict.side {
        case .kernel: 3
        case .none: 6
        case .userspace, .hang: 4
        }
    }

    /// The entry's MESSAGE, one line for `journalctl`.
    package var message: String {
        let verdict = incident.verdict
        return "incident \(number) \(state): \(verdict.side.rawValue) \(verdict.failureClass.rawValue)"
            + (incident.comm.map { " in \($0)" } ?? "") + (incident.pid.map { " (pid \($0))" } ?? "")
            + ", kernel log \(verdict.kernelLog.rawValue)"
    }

    /// The entry's fields besides MESSAGE and PRIORITY, in a stable order.
    package var fields: [(name: String, value: String)] {
        let verdict = incident.verdict
        var fields: [(name: String, value: String)] = [
            ("MESSAGE_ID", isFinal ? Self.finalMessageID : Self.recordedMessageID),
            ("SYSLOG_IDENTIFIER", "rocfaultd"),
            ("ROCFAULT_INCIDENT", String(number)),
            ("ROCFAULT_STATE", state),
            ("ROCFAULT_SIDE", verdict.side.rawValue),
            ("ROCFAULT_CLASS", verdict.failureClass.rawValue),
            ("ROCFAULT_KERNEL_LOG", verdict.kernelLog.rawValue),
            ("ROCFAULT_SIGNATURE", incident.signature),
        ]
        let optional: [(String, String?)] = [
            ("ROCFAULT_PID", incident.pid.map { String($0) }),
            ("ROCFAULT_COMM", incident.comm),
            ("ROCFAULT_KNOWN_ISSUES", verdict.knownIssues.isEmpty ? nil : verdict.knownIssues.joined(separator: " ")),
            ("ROCFAULT_PASID", incident.pasid.map { String($0) }),
            ("ROCFAULT_GPU", gpu),
            ("ROCFAULT_GFX_TARGET", gfxTarget),
            ("ROCFAULT_BOOT_ID", bootID),
            ("ROCFAULT_FIRST_SEEN_US", incident.firstSeen.realtimeMicroseconds.map { String($0) }),
            ("ROCFAULT_LAST_SEEN_US", incident.lastSeen.realtimeMicroseconds.map { String($0) }),
            ("ROCFAULT_SUMMARY", verdict.summary.isEmpty ? nil : verdict.summary),
            ("ROCFAULT_FIRST_STEP", verdict.recordedFirstStep),
        ]
        for (name, value) in optional { if let value { fields.append((name, value)) } }
        return fields
    }
}
