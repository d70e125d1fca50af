import Foundation
import Glibc
import RocfaultSystem
import Testing

/// Real inotify watches on real files, opened by real child processes.
struct DeviceOpenWatcherTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("devopen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func existingNodesAreTheExactPathsAndThePrefixedEntriesThatExist() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["renderD128", "renderD129", "card0"] {
            _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: nil)
        }
        let base = directory.path + "/"
        let matcher = DeviceMatcher(exactPaths: [base + "kfd", base + "card0"], prefixes: [base + "renderD"])
        #expect(
            DeviceOpenWatcher.existingNodes(matching: matcher) == [
                base + "card0", base + "renderD128", base + "renderD129",
            ]
        )
    }

    @Test func anotherProcessOpeningAWatchedNodeIsReported() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let node = directory.appendingPathComponent("renderD128").path
        _ = FileManager.default.createFile(atPath: node, contents: nil)
        let watcher = try DeviceOpenWatcher(paths: [node, directory.appendingPathComponent("missing").path])
        defer { watcher.stop() }
        #expect(watcher.watchedPaths == [node])

        let opener = Process()
        opener.executableURL = URL(fileURLWithPath: "/bin/sh")
        opener.arguments = ["-c", "exec 3<\(node)"]
        try opener.run()
        opener.waitUntilExit()

        let reported = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in watcher.opens { return true }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            watcher.stop()
            return first
        }
        #expect(reported)
    }

    @Test func stopFinishesTheStream() async throws {
        let watcher = try DeviceOpenWatcher(paths: [])
        watcher.stop()
        var iterator = watcher.opens.makeAsyncIterator()
        let next: Void? = await iterator.next()
        #expect(next == nil)
    }
}
