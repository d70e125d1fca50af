/// Which log lines may travel with an incident as its context (stored by the daemon, shown by
/// `rocfault show`, written into a report bundle): the kernel's, and those of the incident's own
/// processes. Another user's login, sudo command or shell history that happened to be logged just
/// before the failure is none of the incident's business and never leaves the machine with it.
///
/// The incident's evidence lines themselves (the lines rules matched) are not judged here: they are
/// the incident.
package struct IncidentLineScope: Sendable, Hashable {
    /// The processes whose lines belong to the incident.
    package var pids: Set<Int32>

    /// A scope of the given processes.
    package init(pids: Set<Int32>) {
        self.pids = pids
    }

    /// The scope of an incident: its process, and the writers of its own userspace evidence (a
    /// runtime abort, `rocfault run`'s child).
    package init(pid: Int32?, evidence: [Evidence]) {
        var pids: Set<Int32> = []
        if let pid { pids.insert(pid) }
        for item in evidence {
            for line in item.lines where line.origin != .kernel {
                if let writer = line.pid { pids.insert(writer) }
            }
        }
        self.pids = pids
    }

    /// Whether a line with this origin and writer belongs: kernel lines always; any other line only
    /// when its writer is known and one of the incident's processes.
    package func admits(origin: RecordOrigin, pid: Int32?) -> Bool {
        if origin == .kernel { return true }
        guard let pid else { return false }
        return pids.contains(pid)
    }

    /// ``admits(origin:pid:)`` for a stored line.
    package func admits(_ line: EvidenceLine) -> Bool { admits(origin: line.origin, pid: line.pid) }

    /// ``admits(origin:pid:)`` for a record.
    package func admits(_ record: LogRecord) -> Bool { admits(origin: record.origin, pid: record.pid) }
}
