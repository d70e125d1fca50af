import Glibc

/// Opens pidfds: descriptors that become readable when a process exits, for any process the
/// caller may signal, not only children.
///
/// Glibc declares `pidfd_open` only from 2.36 and Swift cannot call the variadic `syscall`, so
/// both are looked up at run time: the libc wrapper first, else `syscall(434, pid, 0)` (434 is
/// `pidfd_open` on every architecture with the unified syscall table, x86-64 and arm64 among them).
package enum PidFD {
    private typealias OpenFunction = @convention(c) (pid_t, UInt32) -> Int32
    private typealias SyscallFunction = @convention(c) (Int, Int, Int) -> Int
    private static let pidfdOpenNumber = 434

    private static let wrapper: OpenFunction? = symbol("pidfd_open").map {
        unsafeBitCast($0, to: OpenFunction.self)
    }
    private static let rawSyscall: SyscallFunction? = symbol("syscall").map {
        unsafeBitCast($0, to: SyscallFunction.self)
    }

    /// Opens a pidfd for `pid`; returns the descriptor or `-errno`.
    package static func open(_ pid: Int32) -> Int32 {
        if let wrapper {
            let fd = wrapper(pid, 0)
            return fd >= 0 ? fd : -errno
        }
        guard let rawSyscall else { return -ENOSYS }
        let fd = rawSyscall(pidfdOpenNumber, Int(pid), 0)
        return fd >= 0 ? Int32(fd) : -errno
    }

    /// Whether this kernel and libc can open pidfds (tried on the calling process itself).
    package static let isSupported: Bool = {
        let fd = open(getpid())
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }()

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(handle, name)
    }
}
