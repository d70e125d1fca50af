import Foundation
import Logging
import RocfaultCore
import RocfaultSystem

#if canImport(Glibc)
import Glibc
#endif

/// Writes rocfaultd's ``DaemonRecord`` to `rocfaultd.pid` in the state directory: at start, and with
/// the stop time after a clean stop. Through a temporary file renamed into place, mode 0644. A failure
/// is logged and never stops the daemon: the record only serves `rocfault status`.
struct DaemonRecordFile {
    let stateDirectory: String
    let logger: Logger

    var path: String { stateDirectory + "/" + DaemonRecord.fileName }

    /// Records this process as the running daemon of `bootID`.
    func started(bootID: String) -> DaemonRecord? {
        guard let stat = ProcStat(path: "/proc/self/stat") else {
            logger.warning("cannot read /proc/self/stat: \(path) not written")
            return nil
        }
        let record = DaemonRecord(
            pid: getpid(),
            startedMicroseconds: Int64(Date().timeIntervalSince1970 * 1_000_000),
            bootID: bootID,
            startTicks: stat.startTime
        )
        write(record)
        return record
    }

    /// Records a clean stop.
    func stopped(_ record: DaemonRecord) {
        var stopped = record
        stopped.stoppedMicroseconds = Int64(Date().timeIntervalSince1970 * 1_000_000)
        write(stopped)
    }

    private func write(_ record: DaemonRecord) {
        let temporary = path + ".tmp"
        let bytes = Array(record.text.utf8)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return failed(errno) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let writeError = written == bytes.count ? 0 : (written < 0 ? errno : EIO)
        close(fd)
        guard writeError == 0 else {
            unlink(temporary)
            return failed(writeError)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            failed(code)
        }
    }

    private func failed(_ code: Int32) {
        logger.warning(
            "cannot write \(path): \(String(cString: strerror(code))); `rocfault status` cannot tell that rocfaultd runs"
        )
    }
}
