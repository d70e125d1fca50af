#if canImport(Glibc)
package import Glibc
#endif

/// The one place a child process is started. Each caller brings what its child needs (a pty for
/// `run`, a memory file on a hook's stdin, a pipe to the pager, a process group of its own) as
/// `posix_spawn` file actions and attributes (``SpawnAttributes``); the strings, the call and its
/// error are handled here, and how the child ended is decoded by ``ProcessTermination``.
package enum Spawn {
    /// Starts `executable` with `arguments` (its `argv`, the program's name first) and
    /// `environment` (`NAME=value`; nil: this process's own), and returns its pid. With
    /// `searchPath`, an executable without a slash is looked up in `PATH` (`posix_spawnp`).
    package static func start(
        _ executable: String,
        arguments: [String],
        environment: [String]? = nil,
        actions: UnsafePointer<posix_spawn_file_actions_t>? = nil,
        attributes: UnsafePointer<posix_spawnattr_t>? = nil,
        searchPath: Bool = false
    ) throws(SystemCallError) -> pid_t {
        let argv = CStringArray(arguments)
        let envp = environment.map(CStringArray.init)
        var pid = pid_t()
        let call = searchPath ? posix_spawnp : posix_spawn
        let status = argv.pointers.withUnsafeBufferPointer { argvBuffer in
            guard let envp else { return call(&pid, executable, actions, attributes, argvBuffer.baseAddress!, environ) }
            return envp.pointers.withUnsafeBufferPointer { envpBuffer in
                call(&pid, executable, actions, attributes, argvBuffer.baseAddress!, envpBuffer.baseAddress!)
            }
        }
        guard status == 0 else {
            throw SystemCallError(call: searchPath ? "posix_spawnp" : "posix_spawn", errno: status, path: executable)
        }
        return pid
    }
}
