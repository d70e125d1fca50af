import Testing

@testable import RocfaultReport

@Suite struct BoundedCommandTests {
    @Test func capturesOutputAndStatus() {
        let result = BoundedCommand(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], timeLimit: .seconds(5)).run()
        #expect(result.outcome == .exited(3))
        #expect(result.output.contains("out\n") && result.output.contains("err\n"))
    }

    @Test func aHungToolIsKilledAtTheLimit() {
        let clock = ContinuousClock()
        let start = clock.now
        let result = BoundedCommand(["/bin/sh", "-c", "echo started; sleep 30"], timeLimit: .milliseconds(300)).run()
        #expect(result.outcome == .timedOut)
        #expect(result.output == "started\n")
        #expect(clock.now - start < .seconds(5))
    }

    @Test func aMissingToolIsNotStarted() {
        let result = BoundedCommand(["rocminfo-not-installed-here"], timeLimit: .seconds(1)).run()
        #expect(result.outcome == .notStarted("rocminfo-not-installed-here not found"))
    }
}
