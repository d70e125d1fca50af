@testable import RocfaultCore

/// A thread of process 100 (`llama-server`) as a `/proc` sample shows it, for the stall and hang
/// watch tests.
func sampledThread(
    _ tid: Int32,
    state: Character,
    ticks: UInt64,
    wchan: String? = nil,
    syscall: String? = nil,
    target: String? = nil
) -> ThreadActivity {
    ThreadActivity(
        pid: 100,
        tid: tid,
        name: "llama-server",
        state: state,
        cpuTicks: ticks,
        waitChannel: wchan,
        syscall: syscall,
        ioctlTarget: target
    )
}
