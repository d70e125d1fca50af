import Glibc
import Testing

@testable import RocfaultPlatform

/// The one spawn, on real children: the arguments and environment they get, the parent's
/// environment when none is given, the `PATH` search, and the error for a program that is not there.
@Suite struct SpawnTests {
    @Test func theChildGetsExactlyItsArgumentsAndEnvironment() throws {
        let pid = try Spawn.start(
            "/bin/sh",
            arguments: [
                "/bin/sh", "-c", "test \"$0\" = one && test \"$ROCFAULT_SPAWN\" = yes && test -z \"$HOME\"", "one",
            ],
            environment: ["ROCFAULT_SPAWN=yes"]
        )
        #expect(ProcessTermination.reap(pid, blocking: true) == .exited(0))
    }

    @Test func withoutAnEnvironmentTheChildInheritsThisProcesssOwn() throws {
        setenv("ROCFAULT_SPAWN_INHERITED", "kept", 1)
        defer { unsetenv("ROCFAULT_SPAWN_INHERITED") }
        let pid = try Spawn.start("/bin/sh", arguments: ["sh", "-c", "test \"$ROCFAULT_SPAWN_INHERITED\" = kept"])
        #expect(ProcessTermination.reap(pid, blocking: true) == .exited(0))
    }

    @Test func searchPathFindsAProgramByName() throws {
        let pid = try Spawn.start("sh", arguments: ["sh", "-c", "exit 4"], searchPath: true)
        #expect(ProcessTermination.reap(pid, blocking: true) == .exited(4))
    }

    @Test func aMissingProgramIsAnErrorWithItsErrno() {
        #expect {
            _ = try Spawn.start("/nonexistent/rocfault-no-such-program", arguments: ["x"])
        } throws: { error in
            let failure = error as? SystemCallError
            return failure?.errno == ENOENT && failure?.call == "posix_spawn"
        }
    }
}
