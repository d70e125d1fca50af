package import RocfaultCore
import RocfaultPlatform

/// Who owns a process now, from `/proc`: what ``RocfaultFieldTrust`` checks a journal entry's
/// `ROCFAULT_PID` against. A zombie (exited, not yet reaped) still answers.
package enum ProcessOwner {
    /// The real user id (`Uid:` of `status`) and start time (`stat` field 22) of `pid`, or nil when
    /// the process is gone or its files cannot be read.
    package static func named(pid: Int32, procRoot: String = "/proc") -> RocfaultFieldTrust.NamedProcess? {
        guard pid > 0, let status = FileIO.text("\(procRoot)/\(pid)/status") else { return nil }
        guard let uidLine = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
            let realUID = uidLine.dropFirst(4).split(whereSeparator: { $0 == "\t" || $0 == " " }).first
                .flatMap({ UInt32($0) })
        else { return nil }
        return RocfaultFieldTrust.NamedProcess(
            uid: realUID,
            startTime: ProcStat(path: "\(procRoot)/\(pid)/stat")?.startTime
        )
    }
}
