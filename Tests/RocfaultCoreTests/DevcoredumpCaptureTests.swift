import Testing

@testable import RocfaultCore

@Suite struct DevcoredumpCaptureTests {
    @Test func anAmdgpuDumpIsCopiedSavedRecordedThenFreedOnce() throws {
        var capture = DevcoredumpCapture()
        #expect(capture.handle(.appeared(name: "devcd1", driver: "amdgpu")) == [.copy(name: "devcd1")])
        #expect(capture.handle(.appeared(name: "devcd1", driver: "amdgpu")).isEmpty)
        let text = DevcoredumpFixtures.kernel6_12()
        #expect(capture.handle(.copied(name: "devcd1", text: text, truncated: false)) == [.save(name: "devcd1")])
        let actions = capture.handle(.saved(name: "devcd1", file: "/state/devcd1.txt.gz"))
        let dump = try DevcoredumpParser.parse(text)
        #expect(
            actions.prefix(2) == [
                .record(name: "devcd1", dump: dump, file: "/state/devcd1.txt.gz", truncated: false),
                .free(name: "devcd1"),
            ]
        )
        #expect(capture.handle(.vanished(name: "devcd1")).isEmpty)
        #expect(capture.handled.isEmpty)
    }

    @Test func aFailedCopyIsNeverFreed() {
        var capture = DevcoredumpCapture()
        _ = capture.handle(.appeared(name: "devcd2", driver: nil))
        _ = capture.handle(.copied(name: "devcd2", text: DevcoredumpFixtures.kernel6_12(), truncated: true))
        let actions = capture.handle(.copyFailed(name: "devcd2", reason: "No space left on device"))
        #expect(actions.count == 1)
        #expect(!actions.contains(.free(name: "devcd2")))
        #expect(capture.handle(.saved(name: "devcd2", file: "late")).isEmpty)
    }

    @Test func otherDriversDumpsAreLeftAlone() {
        var capture = DevcoredumpCapture()
        #expect(capture.handle(.appeared(name: "devcd3", driver: "iwlwifi")).isEmpty)
        #expect(capture.handle(.appeared(name: "devcd4", driver: nil)) == [.copy(name: "devcd4")])
        let actions = capture.handle(.copied(name: "devcd4", text: "iwlwifi firmware dump\n", truncated: false))
        #expect(!actions.contains(.free(name: "devcd4")))
        #expect(!actions.contains(.save(name: "devcd4")))
    }
}
