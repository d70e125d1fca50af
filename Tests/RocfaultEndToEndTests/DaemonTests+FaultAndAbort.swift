import Foundation

extension DaemonTests {
    /// A page-fault block in the kernel log and a python process that aborts with a ROCr line.
    /// Returns the pid the fault block names and the pid of the aborting process.
    static func writeFaultAndAbort(journalTag: String) throws -> (Int32, Int32) {
        let sleeper = try ProcessRunner.sleeper()
        defer { sleeper.terminate() }
        try DaemonTests.writeFaultBlock(pid: sleeper.processIdentifier, comm: "sleep", pasid: DaemonTests.uniquePASID())
        let line =
            "Memory critical error by agent node-0 (Agent handle: 0x560304d08f00) on address 0x7f091de3f000. Reason: Memory in use."
        let script =
            "import os, signal, sys; signal.signal(signal.SIGABRT, signal.SIG_DFL); print('\(line)', file=sys.stderr, flush=True); os.abort()"
        let aborting = try ProcessRunner.logToJournal(tag: journalTag, "/usr/bin/python3", ["-c", script])
        return (sleeper.processIdentifier, aborting.processIdentifier)
    }
}
