import Glibc
import RocfaultCore
import RocfaultPlatform

/// A program started in a process group of its own with bytes on its stdin and a pidfd to wait
/// on: rocfaultd's incident hooks. Its caller polls ``pidfd``, then ``reap()``s it, and may kill
/// the hook and whatever it started with ``killGroup()``.
package final class HookProcess {
    /// The process id, also its process group id.
    package let pid: Int32
    /// Readable once the process has ended.
    package let pidfd: Int32
    /// The guard's lifeline when the hook runs under a ``HookGuard``.
    private let lifeline: HookLifeline?

    private init(pid: Int32, pidfd: Int32, lifeline: HookLifeline?) {
        self.pid = pid
        self.pidfd = pidfd
        self.lifeline = lifeline
    }

    deinit {
        close(pidfd)
    }

    /// Starts `executable` with `arguments`, `environment` (`NAME=value`) and `input` on stdin (a
    /// memory file, so a hook that never reads it cannot block anyone); stdout and stderr go to
    /// /dev/null, every other descriptor is closed. Signal masks and handlers are reset, the process leads a new process group.
    /// `guarded`, the process is a ``HookGuard`` with a lifeline of its own: it runs the program in
    /// its group and kills everything the program started when the daemon ends or
    /// ``killGroup()`` cuts the lifeline; a program that is not executable fails here already.
    package static func spawn(
        executable: String,
        arguments: [String],
        environment: [String],
        input: [UInt8],
        guarded: Bool = false
    ) throws(HookSpawnError) -> HookProcess {
        if guarded, access(executable, X_OK) != 0 { throw HookSpawnError(errorNumber: errno) }
        let lifeline = guarded ? HookLifeline() : nil
        if guarded, lifeline == nil { throw HookSpawnError(errorNumber: errno) }
        defer { lifeline?.release() }
        let inputFD = try memoryFile(holding: input)
        defer { close(inputFD) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputFD, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of the daemon's (its database, the kernel log, sockets) reaches the hook, and
        // a hook left running holds no pipe of the daemon's open.
        var keep: Int32 = 3
        if let lifeline {
            posix_spawn_file_actions_adddup2(&actions, lifeline.readEnd, HookGuard.lifelineDescriptor)
            keep = HookGuard.lifelineDescriptor + 1
        }
        guard SpawnCloseFrom.add(to: &actions, from: keep) else {
            throw HookSpawnError(errorNumber: ENOSYS)
        }
        let program = lifeline == nil ? executable : HookLifeline.guardExecutable
        let guardArguments = lifeline == nil ? [] : [HookGuard.argumentZero]
        var attributes = SpawnAttributes.clean(newProcessGroup: true)
        defer { posix_spawnattr_destroy(&attributes) }
        let pid: pid_t
        do {
            pid = try Spawn.start(
                program,
                arguments: guardArguments + [executable] + arguments,
                environment: environment,
                actions: &actions,
                attributes: &attributes
            )
        } catch {
            throw HookSpawnError(errorNumber: error.errno)
        }
        let pidfd = PidFD.open(pid)
        guard pidfd >= 0 else {
            kill(-pid, SIGKILL)
            _ = ProcessTermination.reap(pid, blocking: true)
            throw HookSpawnError(errorNumber: -pidfd)
        }
        _ = fcntl(pidfd, F_SETFD, FD_CLOEXEC)
        return HookProcess(pid: pid, pidfd: pidfd, lifeline: lifeline)
    }

    /// Kills the hook and what it started. A guarded hook's lifeline is cut: its guard kills every
    /// process below it (those that left the group with `setsid` too), then its group. Otherwise
    /// SIGKILL goes to the process group: the hook and every process it started that stayed in it.
    package func killGroup() {
        guard let lifeline else {
            kill(-pid, SIGKILL)
            return
        }
        lifeline.cut()
    }

    /// The wait status once the process ended (it is then reaped), nil while it runs. A process
    /// already reaped elsewhere counts as ended with status 0.
    package func reap() -> ProcessExitStatus? {
        var status: Int32 = 0
        let outcome = try? SystemCall.retrying("waitpid", expecting: [ECHILD]) { waitpid(pid, &status, WNOHANG) }
        switch outcome {
        case .value(let reaped) where reaped == pid:
            return ProcessExitStatus(pid: pid, termination: ProcessTermination(waitStatus: status), time: .init())
        case .expectedError:
            // Reaped by someone else (SIGCHLD ignored): it ended, with a status nobody can know now.
            return ProcessExitStatus(pid: pid, termination: .exited(0), time: .init())
        default:
            return nil
        }
    }

    private typealias MemfdCreateFunction = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
    /// `MFD_CLOEXEC`.
    private static let memfdCloseOnExec: UInt32 = 1
    /// Glibc declares `memfd_create` only with `_GNU_SOURCE`, which Swift's Glibc module does not
    /// set, so it is looked up at run time (glibc 2.27 and later have it).
    private static let memfdCreate: MemfdCreateFunction? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "memfd_create") else { return nil }
        return unsafeBitCast(symbol, to: MemfdCreateFunction.self)
    }()

    private static func memoryFile(holding bytes: [UInt8]) throws(HookSpawnError) -> Int32 {
        guard let memfdCreate = Self.memfdCreate else { throw HookSpawnError(errorNumber: ENOSYS) }
        let fd = memfdCreate("rocfault-hook-input", Self.memfdCloseOnExec)
        guard fd >= 0 else { throw HookSpawnError(errorNumber: errno) }
        do {
            try bytes.withUnsafeBytes { try FileIO.writeAll($0, to: fd) }
        } catch {
            close(fd)
            throw HookSpawnError(errorNumber: (error as? SystemCallError)?.errno ?? EIO)
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }
}

/// A hook that could not be started, with the system's reason.
package struct HookSpawnError: Error, CustomStringConvertible, Sendable {
    /// The `errno` value.
    package var errorNumber: Int32

    /// The system's words for it.
    package var description: String { String(cString: strerror(errorNumber)) }
}
