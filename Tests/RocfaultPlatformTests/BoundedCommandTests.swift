import Glibc
import Testing

@testable import RocfaultPlatform

@Suite struct BoundedCommandTests {
    @Test func capturesOutputAndStatus() {
        let result = BoundedCommand(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], timeLimit: .seconds(5)).run()
        #expect(result.outcome == .ended(.exited(3)))
        #expect(result.output.contains("out\n") && result.output.contains("err\n"))
    }

    @Test func aSignalDeathIsDecoded() {
        let result = BoundedCommand(["/bin/sh", "-c", "echo before; kill -TERM $$"], timeLimit: .seconds(5)).run()
        #expect(result.outcome == .ended(.signaled(SIGTERM, coreDumped: false)))
        #expect(result.output == "before\n")
    }

    @Test func aHungToolIsKilledAtTheLimit() {
        let clock = ContinuousClock()
        let start = clock.now
        let result = BoundedCommand(["/bin/sh", "-c", "echo started; sleep 30"], timeLimit: .milliseconds(300)).run()
        #expect(result.outcome == .timedOut)
        #expect(result.output == "started\n")
        #expect(clock.now - start < .seconds(5))
    }

    /// A tool that closes its output and keeps running was waited for without a limit before.
    @Test func aToolThatClosesItsOutputAndHangsIsKilledAtTheLimit() {
        let clock = ContinuousClock()
        let start = clock.now
        let command = BoundedCommand(
            ["/bin/sh", "-c", "echo started; exec >&- 2>&-; sleep 30"],
            timeLimit: .milliseconds(300)
        )
        let result = command.run()
        #expect(result.outcome == .timedOut)
        #expect(result.output == "started\n")
        #expect(clock.now - start < .seconds(5))
    }

    @Test func standardErrorCanBeDiscardedAndTheEnvironmentFixed() {
        let result = BoundedCommand(
            ["/bin/sh", "-c", "echo err >&2; echo \"$ROCFAULT_TEST_VALUE\"; echo \"$HOME\""],
            timeLimit: .seconds(5),
            errorStream: .discarded,
            environment: ["ROCFAULT_TEST_VALUE=fixed"]
        ).run()
        #expect(result.outcome == .ended(.exited(0)))
        #expect(result.output == "fixed\n\n")
    }

    @Test func outputIsCutAtTheLimit() {
        let result = BoundedCommand(["/bin/sh", "-c", "echo 0123456789"], timeLimit: .seconds(5), outputLimit: 4).run()
        #expect(result.outcome == .ended(.exited(0)))
        #expect(result.output == "0123")
    }

    @Test func aMissingToolIsNotStarted() {
        let result = BoundedCommand(["rocminfo-not-installed-here"], timeLimit: .seconds(1)).run()
        #expect(result.outcome == .notStarted("rocminfo-not-installed-here not found"))
    }
}
