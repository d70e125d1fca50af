/// The processes below one process, from the parent ids in `/proc/<pid>/stat`.
package enum ProcessTree {
    /// Every process below `root` in `processes` (children, their children, ...), in the order
    /// found; `root` itself is not included. Zombies are walked through (an orphan may still name
    /// one as its parent for an instant), and returned too: the caller decides what to do with them.
    package static func descendants(of root: Int32, in processes: [ProcStat]) -> [ProcStat] {
        var children: [Int32: [ProcStat]] = [:]
        for process in processes {
            children[process.parentPID, default: []].append(process)
        }
        var found: [ProcStat] = []
        var seen: Set<Int32> = [root]
        var frontier = [root]
        while let parent = frontier.popLast() {
            for child in children[parent] ?? [] where seen.insert(child.pid).inserted {
                found.append(child)
                frontier.append(child.pid)
            }
        }
        return found
    }

    /// The processes of `procRoot` now (threads not listed); those that end while it reads are
    /// left out.
    package static func processes(procRoot: String = "/proc") -> [ProcStat] {
        let reader = ProcessReader(procRoot: procRoot)
        return reader.pids().compactMap(reader.stat)
    }

    /// The processes below `root` that still run (not zombies), read from `procRoot`.
    package static func livingDescendants(of root: Int32, procRoot: String = "/proc") -> [ProcStat] {
        descendants(of: root, in: processes(procRoot: procRoot)).filter { $0.state != "Z" && $0.state != "X" }
    }
}
