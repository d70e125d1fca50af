import Foundation
import Glibc
import RocfaultTestKit
import Testing

/// contrib/hooks/notify-desktop run by a real shell with real coreutils on a PATH without
/// notify-send: a run that means to notify stops at the missing notify-send (exit 1), a run that
/// skips the incident exits 0 before it.
@Suite struct NotifyDesktopHookTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("contrib/hooks/notify-desktop").path

    /// A PATH holding only what the script needs before it notifies.
    static func toolDirectory() throws -> TemporaryTree {
        let tree = TemporaryTree()
        for tool in ["sh", "cat", "sed", "head", "id"] {
            let candidates = ["/bin/\(tool)", "/usr/bin/\(tool)"]
            let real = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) })
            #expect(symlink(real, tree.path(tool)) == 0)
        }
        return tree
    }

    static func run(side: String, backlog: String, tools: TemporaryTree) throws -> Int32 {
        let json =
            "{\"incident\":{\"number\":7,\"comm\":\"python3\"},\"verdict\":{\"side\":\"\(side)\",\"class\":\"x\"}}"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tools.path("sh"))
        process.arguments = [script, "recorded", "7"]
        process.environment = [
            "PATH": tools.root, "ROCFAULT_EVENT": "recorded", "ROCFAULT_INCIDENT": "7", "ROCFAULT_BACKLOG": backlog,
        ]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(json.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: TestPrivileges.isRoot, "the script stops at its root check first"))
    func aBacklogIncidentPopsUpOnlyWhenKernelSide() throws {
        let tools = try Self.toolDirectory()
        #expect(try Self.run(side: "userspace", backlog: "0", tools: tools) == 1, "a live incident is notified")
        #expect(try Self.run(side: "userspace", backlog: "1", tools: tools) == 0, "a past userspace one is not")
        #expect(try Self.run(side: "kernel", backlog: "1", tools: tools) == 1, "a past kernel-side one is")
    }
}
