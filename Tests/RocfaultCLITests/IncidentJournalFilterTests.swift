import RocfaultCore
import Testing

@testable import RocfaultCLI

@Suite struct IncidentJournalFilterTests {
    static func record(_ text: String, pid: Int32?, origin: RecordOrigin = .userspace) -> LogRecord {
        LogRecord(
            text: text,
            origin: origin,
            format: .journalLive,
            location: SourceLocation(file: "journal", line: 0),
            pid: pid
        )
    }

    @Test func childrenCountOnlyInTheirOwnUnitAndAsTheProcesssUser() {
        let unit = "/system.slice/comfyui.service"
        let filter = IncidentJournalFilter(pid: 42, cgroup: unit)
        let entries: [(LogRecord, [String: String])] = [
            (Self.record("own line", pid: 42), ["_UID": "1000", "_SYSTEMD_CGROUP": unit]),
            (Self.record("child line", pid: 43), ["_UID": "1000", "_SYSTEMD_CGROUP": unit]),
            (Self.record("same cgroup, other user", pid: 44), ["_UID": "1001", "_SYSTEMD_CGROUP": unit]),
            (Self.record("elsewhere", pid: 45), ["_UID": "1000", "_SYSTEMD_CGROUP": "/system.slice/other.service"]),
            (Self.record("amdgpu: reset", pid: nil, origin: .kernel), [:]),
        ]
        let related = entries.map {
            (record: $0.0, relation: filter.relation(of: $0.0, sender: JournalSender(fields: $0.1), fields: $0.1))
        }
        #expect(IncidentJournalFilter.select(related).map(\.text) == ["own line", "child line", "amdgpu: reset"])
    }

    @Test func sharedUnitsSlicesAndTheRootHaveNoChildren() {
        for cgroup in ["/system.slice/ssh.service", "/system.slice/cron.service", "/user.slice", "/", ""] {
            let filter = IncidentJournalFilter(pid: 42, cgroup: cgroup)
            let stranger = Self.record("Accepted password for alice", pid: 99)
            #expect(
                filter.relation(
                    of: stranger,
                    sender: JournalSender(fields: ["_PID": "99", "_UID": "0"]),
                    fields: ["_UID": "0", "_SYSTEMD_CGROUP": cgroup]
                ) == .unrelated
            )
        }
        let session = IncidentJournalFilter(pid: 42, cgroup: "/user.slice/user-1000.slice/session-3.scope")
        let child = Self.record("child", pid: 43)
        let fields = ["_UID": "1000", "_SYSTEMD_CGROUP": "/user.slice/user-1000.slice/session-3.scope"]
        #expect(
            session.relation(of: child, sender: JournalSender(fields: fields), fields: fields)
                == .cgroupMember(uid: "1000")
        )
        // Without any own line to vouch for the user, a cgroup member is not taken.
        #expect(IncidentJournalFilter.select([(child, .cgroupMember(uid: "1000"))]).isEmpty)
    }

    /// `rocfault run`'s line about its child, as the given sender wrote it.
    static func runLine(sender: JournalSender, start: String = "777") -> (LogRecord, JournalSender, [String: String]) {
        var fields = ["ROCFAULT_PID": "42", "ROCFAULT_PROCESS_START": start]
        fields["_UID"] = sender.uid.map(String.init)
        return (Self.record("HSA_STATUS_ERROR_MEMORY_APERTURE_VIOLATION", pid: sender.pid), sender, fields)
    }

    @Test func aRunLineCountsAsTheProcesssOwnOnlyByTheDaemonsTrustRule() {
        let alive = RocfaultFieldTrust.NamedProcess(uid: 1000, startTime: 777)
        let live = IncidentJournalFilter(pid: 42, cgroup: nil, named: alive)
        let gone = IncidentJournalFilter(pid: 42, cgroup: nil, named: nil)
        let owner = JournalSender(pid: 41, uid: 1000, comm: "rocfault", exe: "/usr/bin/rocfault")
        let root = JournalSender(pid: 41, uid: 0, comm: "rocfault", exe: "/usr/bin/rocfault")
        let stranger = JournalSender(pid: 66, uid: 1001, comm: "rocfault", exe: "/home/mallory/rocfault")
        let forger = JournalSender(pid: 66, uid: 1000, comm: "logger", exe: "/usr/bin/logger")
        func relation(_ filter: IncidentJournalFilter, _ line: (LogRecord, JournalSender, [String: String])) -> Relation
        {
            filter.relation(of: line.0, sender: line.1, fields: line.2)
        }
        typealias Relation = IncidentJournalFilter.Relation
        // Believed: rocfault of the process's owner (while /proc can vouch for it), or of root.
        #expect(relation(live, Self.runLine(sender: owner)) == .own(uid: "1000"))
        #expect(relation(gone, Self.runLine(sender: root)) == .own(uid: "0"))
        // Refused: another user's rocfault, a program that is not rocfault, a process gone (nobody
        // can vouch for its owner), a start time that is not the process's.
        #expect(relation(live, Self.runLine(sender: stranger)) == .unrelated)
        #expect(relation(live, Self.runLine(sender: forger)) == .unrelated)
        #expect(relation(gone, Self.runLine(sender: owner)) == .unrelated)
        #expect(relation(live, Self.runLine(sender: owner, start: "778")) == .unrelated)
        // The process's own line is known by the trusted _PID, not by a SYSLOG_PID it claims.
        let claimed = Self.record("claims to be 42", pid: 42)
        #expect(live.relation(of: claimed, sender: stranger, fields: ["_UID": "1001"]) == .unrelated)
    }
}
