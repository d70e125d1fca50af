import Foundation
import Glibc
import RocfaultSystem
import RocfaultTestKit
import Testing

/// Real inotify watches on real files, opened by real child processes.
struct DeviceOpenWatcherTests {
    @Test func existingNodesAreTheExactPathsAndThePrefixedEntriesThatExist() throws {
        let directory = TemporaryTree(prefix: "devopen")
        for name in ["renderD128", "renderD129", "card0"] {
            _ = FileManager.default.createFile(atPath: directory.path(name), contents: nil)
        }
        let base = directory.root + "/"
        let matcher = DeviceMatcher(exactPaths: [base + "kfd", base + "card0"], prefixes: [base + "renderD"])
        #expect(
            DeviceOpenWatcher.existingNodes(matching: matcher) == [
                base + "card0", base + "renderD128", base + "renderD129",
            ]
        )
    }

    @Test func anotherProcessOpeningAWatchedNodeIsReported() async throws {
        let directory = TemporaryTree(prefix: "devopen")
        defer { withExtendedLifetime(directory) {} }
        let node = directory.path("renderD128")
        _ = FileManager.default.createFile(atPath: node, contents: nil)
        let missing = directory.path("missing")
        let watcher = try DeviceOpenWatcher(matcher: DeviceMatcher(exactPaths: [node, missing]))
        defer { watcher.stop() }
        #expect(watcher.watchedPaths == [node])

        Self.open(node)
        #expect(await firstElement(of: watcher.opens, within: .seconds(5)) != nil)
    }

    @Test func aNodeThatAppearsLaterIsWatchedFromThen() async throws {
        let directory = TemporaryTree(prefix: "devopen")
        defer { withExtendedLifetime(directory) {} }
        let watcher = try DeviceOpenWatcher(
            matcher: DeviceMatcher(exactPaths: [], prefixes: [directory.path("renderD")])
        )
        defer { watcher.stop() }
        #expect(watcher.watchedPaths.isEmpty)

        let node = directory.path("renderD130")
        _ = FileManager.default.createFile(atPath: node, contents: nil)
        #expect(await firstElement(of: watcher.opens, within: .seconds(5)) != nil, "the new node counts as an open")
        Self.open(node)
        #expect(
            await firstElement(of: watcher.opens, within: .seconds(5)) != nil,
            "an open of the new node is reported"
        )
    }

    /// A child process opens `path` for reading and exits.
    static func open(_ path: String) {
        ChildProcess("/bin/sh", ["-c", "exec 3<\(path)"]).waitForExit()
    }

    @Test func stopFinishesTheStream() async throws {
        let watcher = try DeviceOpenWatcher(matcher: DeviceMatcher(exactPaths: []))
        watcher.stop()
        #expect(await streamFinishes(watcher.opens, within: .seconds(5)))
    }
}
