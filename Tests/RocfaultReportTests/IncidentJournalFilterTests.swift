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
        let related = entries.map { (record: $0.0, relation: filter.relation(of: $0.0, fields: $0.1)) }
        #expect(IncidentJournalFilter.select(related).map(\.text) == ["own line", "child line", "amdgpu: reset"])
    }

    @Test func sharedUnitsSlicesAndTheRootHaveNoChildren() {
        for cgroup in ["/system.slice/ssh.service", "/system.slice/cron.service", "/user.slice", "/", ""] {
            let filter = IncidentJournalFilter(pid: 42, cgroup: cgroup)
            let stranger = Self.record("Accepted password for alice", pid: 99)
            #expect(filter.relation(of: stranger, fields: ["_UID": "0", "_SYSTEMD_CGROUP": cgroup]) == .unrelated)
        }
        let session = IncidentJournalFilter(pid: 42, cgroup: "/user.slice/user-1000.slice/session-3.scope")
        let child = Self.record("child", pid: 43)
        let fields = ["_UID": "1000", "_SYSTEMD_CGROUP": "/user.slice/user-1000.slice/session-3.scope"]
        #expect(session.relation(of: child, fields: fields) == .cgroupMember(uid: "1000"))
        // Without any own line to vouch for the user, a cgroup member is not taken.
        #expect(IncidentJournalFilter.select([(child, .cgroupMember(uid: "1000"))]).isEmpty)
    }
}
