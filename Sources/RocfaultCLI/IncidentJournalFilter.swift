import RocfaultCore

/// Which live journal entries a report takes for an incident: kernel lines, the process's own lines
/// (or those `rocfault run` wrote for it), and lines of its children, found by the process's cgroup.
///
/// A cgroup can hold other people's processes: without logind, every ssh login stays in
/// `ssh.service`, every cron job in `cron.service`. So a cgroup member's line counts only when the
/// cgroup is a unit of its own (not the root, a slice or one of those shared services) and the line
/// was written by a user (`_UID`) whose lines the process itself wrote.
///
/// A line names the process as its own by its trusted `_PID`, or by `ROCFAULT_PID` (a line
/// `rocfault run` wrote for its child) only when ``RocfaultFieldTrust`` believes it, on the rule the
/// daemon applies: sent by a rocfault process of root, or of the user who owns the named process.
struct IncidentJournalFilter {
    /// How one entry relates to the incident.
    enum Relation: Equatable {
        case kernel
        case own(uid: String?)
        case cgroupMember(uid: String?)
        case unrelated
    }

    /// Units whose cgroup gathers many users' sessions or jobs.
    static let sharedUnits: Set<String> = [
        "ssh.service", "sshd.service", "cron.service", "crond.service", "atd.service", "init.scope",
        "systemd-logind.service",
    ]

    var pid: Int32?
    var cgroup: String?
    /// What is known of the process now (owner, start time), when it still runs in this boot:
    /// without it only root's `ROCFAULT_PID` lines are believed, as in the daemon.
    var named: RocfaultFieldTrust.NamedProcess?

    /// How an entry (its record, trusted sender and journal fields) relates to the incident.
    func relation(of record: LogRecord, sender: JournalSender, fields: [String: String]) -> Relation {
        if record.origin == .kernel { return .kernel }
        if let pid, (sender.pid ?? record.pid) == pid || believesRunLine(sender: sender, fields: fields, pid: pid) {
            return .own(uid: fields["_UID"])
        }
        if let cgroup = childCgroup, fields["_SYSTEMD_CGROUP"] == cgroup { return .cgroupMember(uid: fields["_UID"]) }
        return .unrelated
    }

    /// Whether the entry is `rocfault run`'s line about `pid`, by the daemon's trust rule.
    private func believesRunLine(sender: JournalSender, fields: [String: String], pid: Int32) -> Bool {
        guard fields["ROCFAULT_PID"] == String(pid) else { return false }
        let decision = RocfaultFieldTrust.decide(
            sender: sender,
            namedPID: pid,
            claimedStartTime: fields["ROCFAULT_PROCESS_START"].flatMap { UInt64($0) },
            named: named
        )
        return decision == .believed(pid: pid)
    }

    /// The records kept: kernel and own lines, and cgroup members written by a user of the own lines.
    static func select(_ entries: [(record: LogRecord, relation: Relation)]) -> [LogRecord] {
        var ownUsers: Set<String> = []
        for entry in entries {
            if case .own(let uid?) = entry.relation { ownUsers.insert(uid) }
        }
        return entries.compactMap { entry in
            switch entry.relation {
            case .kernel, .own: entry.record
            case .cgroupMember(let uid?) where ownUsers.contains(uid): entry.record
            case .cgroupMember, .unrelated: nil
            }
        }
    }

    /// The cgroup whose members count as children, when it is a unit of the process's own.
    private var childCgroup: String? {
        guard let cgroup, let leaf = cgroup.split(separator: "/").last else { return nil }
        guard leaf.hasSuffix(".service") || leaf.hasSuffix(".scope") else { return nil }
        return Self.sharedUnits.contains(String(leaf)) ? nil : cgroup
    }
}
