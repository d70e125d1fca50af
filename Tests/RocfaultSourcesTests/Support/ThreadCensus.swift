import Foundation

/// Counts this process's threads by name (`/proc/self/task/*/comm`), to check that a source's
/// dedicated thread really ended.
enum ThreadCensus {
    /// How many threads of this process are named `name` (at most 15 characters are kept).
    static func count(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { task in
            let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
            return comm?.trimmingCharacters(in: .newlines) == String(name.prefix(15))
        }.count
    }

    /// Waits up to `timeout` for exactly `expected` threads named `name`; returns whether that
    /// count was reached.
    static func waitUntil(named name: String, count expected: Int, timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if count(named: name) == expected { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return count(named: name) == expected
    }
}
