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
        let missing = directory.appendingPathComponent("missing").path
        let watcher = try DeviceOpenWatcher(matcher: DeviceMatcher(exactPaths: [node, missing]))
        defer { watcher.stop() }
        #expect(watcher.watchedPaths == [node])

        try Self.open(node)
        var opens = watcher.opens.makeAsyncIterator()
        #expect(await Self.next(&opens))
    }

    @Test func aNodeThatAppearsLaterIsWatchedFromThen() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let watcher = try DeviceOpenWatcher(
            matcher: DeviceMatcher(exactPaths: [], prefixes: [directory.path + "/renderD"])
        )
        defer { watcher.stop() }
        #expect(watcher.watchedPaths.isEmpty)
        var opens = watcher.opens.makeAsyncIterator()

        let node = directory.appendingPathComponent("renderD130").path
        _ = FileManager.default.createFile(atPath: node, contents: nil)
        #expect(await Self.next(&opens), "the new node counts as an open")
        try Self.open(node)
        #expect(await Self.next(&opens), "an open of the new node is reported")
    }

    /// A child process opens `path` for reading and exits.
    static func open(_ path: String) throws {
        let opener = Process()
        opener.executableURL = URL(fileURLWithPath: "/bin/sh")
        opener.arguments = ["-c", "exec 3<\(path)"]
        try opener.run()
        opener.waitUntilExit()
    }

    /// Whether the stream hands out an element within `limit`. A timeout cancels the waiting
    /// task, which ends the stream: use it only where an element is expected.
    static func next(_ iterator: inout AsyncStream<Void>.Iterator, within limit: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        let box = UnsafeTransferBox(iterator)
        let got = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await box.next() }
            group.addTask {
                try? await Task.sleep(until: deadline)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        iterator = box.iterator
        return got
    }

    @Test func stopFinishesTheStream() async throws {
        let watcher = try DeviceOpenWatcher(matcher: DeviceMatcher(exactPaths: []))
        watcher.stop()
        var iterator = watcher.opens.makeAsyncIterator()
        let next: Void? = await iterator.next()
        #expect(next == nil)
    }
}

/// Lets one child task advance an iterator that the test hands back afterwards.
final class UnsafeTransferBox: @unchecked Sendable {
    var iterator: AsyncStream<Void>.Iterator
    init(_ iterator: AsyncStream<Void>.Iterator) { self.iterator = iterator }
    func next() async -> Bool { await iterator.next() != nil }
}
