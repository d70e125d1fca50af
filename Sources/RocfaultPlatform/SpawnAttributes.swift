#if canImport(Glibc)
package import Glibc
#endif

/// The `posix_spawn` attributes of a child started clean: every signal unblocked and at its
/// default action, so it does not inherit the caller's masks (a blocked SIGCHLD hangs a shell's
/// `wait`, an ignored SIGPIPE changes how a pipeline ends).
package enum SpawnAttributes {
    /// Clean signals and, with `newProcessGroup`, a process group of its own (so the child and
    /// whatever it starts can be killed as a whole). The caller destroys them
    /// (`posix_spawnattr_destroy`).
    package static func clean(newProcessGroup: Bool) -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if newProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        return attributes
    }
}
