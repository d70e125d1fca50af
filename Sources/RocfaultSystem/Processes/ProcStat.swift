import RocfaultPlatform
/// The fields rocfault needs from `/proc/<pid>/stat` or `/proc/<pid>/task/<tid>/stat`.
package struct ProcStat: Sendable, Hashable {
    /// The process or thread id (field 1).
    package var pid: Int32
    /// The command name between the parentheses (field 2); it may contain spaces and `)`.
    package var comm: String
    /// The scheduler state letter (field 3): `R`, `S`, `D`, `Z`, `T`, `t`, `X`, `I`...
    package var state: Character
    /// The parent process id (field 4).
    package var parentPID: Int32
    /// Start time in clock ticks after boot (field 22); with the pid it names one process even
    /// after the pid is reused.
    package var startTime: UInt64

    /// Creates a record.
    package init(pid: Int32, comm: String, state: Character, parentPID: Int32, startTime: UInt64) {
        self.pid = pid
        self.comm = comm
        self.state = state
        self.parentPID = parentPID
        self.startTime = startTime
    }

    /// Parses one `stat` line; `nil` when it is truncated or garbled.
    package init?(parsing line: String) {
        guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close,
            let pid = Int32(line[..<open].trimmedWhitespace)
        else { return nil }
        let rest = line[line.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        // rest[0] is field 3 (state), so field N is rest[N - 3].
        guard rest.count >= 20, rest[0].count == 1, let state = rest[0].first,
            let parent = Int32(rest[1]), let start = UInt64(rest[19])
        else { return nil }
        let comm = String(line[line.index(after: open)..<close])
        self.init(pid: pid, comm: comm, state: state, parentPID: parent, startTime: start)
    }

    /// Reads and parses a `stat` file.
    package init?(path: String) {
        guard let text = FileIO.text(path, limit: 4096) else { return nil }
        self.init(parsing: text)
    }
}
