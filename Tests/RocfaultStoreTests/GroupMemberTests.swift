import Foundation
import RocfaultStore
import Testing

/// A real second user: as root, `setpriv` runs the `sqlite3` shell as uid/gid 65534 (nobody/nogroup)
/// against a database whose directory is group 65534 with the set-group-id bit, as the daemon's
/// state directory is for group `rocfault`. Skipped when not root or without those two programs.
@Suite(
    "A non-root group member reads the daemon's database",
    .enabled(if: SecondUser.isAvailable, "needs root, /usr/bin/setpriv and /usr/bin/sqlite3")
)
struct GroupMemberTests {
    static let memberID: UInt32 = 65534

    /// Runs a read-only query as uid 65534 with primary group `group`; returns the output lines, or
    /// nil when sqlite3 failed.
    private static func query(_ path: String, group: UInt32) throws -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = [
            "--reuid=\(memberID)", "--regid=\(group)", "--clear-groups", "/usr/bin/sqlite3", "-readonly", path,
            "SELECT public_id FROM incident ORDER BY id",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("while the writer runs and after it closed; a user outside the group is refused")
    func groupRead() throws {
        let directory = try TemporaryDirectory()
        #expect(chown(directory.path, 0, Self.memberID) == 0)
        #expect(chmod(directory.path, 0o2750) == 0)
        let writer = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try writer.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "live"))]))

        #expect(try Self.query(directory.database, group: Self.memberID) == ["live"])
        try writer.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "later", at: 5))]))
        try writer.close()
        #expect(try Self.query(directory.database, group: Self.memberID) == ["live", "later"])
        #expect(try Self.query(directory.database, group: 1) == nil, "group 1 is not the file's group")
    }
}

/// Whether the test process can run a program as another user.
enum SecondUser {
    static var isAvailable: Bool {
        geteuid() == 0
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
    }
}
