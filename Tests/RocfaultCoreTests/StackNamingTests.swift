import Foundation
import Testing

@testable import RocfaultCore

/// The line that names AMD's stack runs beside every other rule: a shell's crash line that also
/// carries `HIP_VISIBLE_DEVICES` names the stack by itself.
@Suite struct StackNamingTests {
    @Test func aCrashLineThatNamesHIPItselfIsAUserspaceCrash() throws {
        let verdict = try AMDGPUStackTests.verdict(
            "./chat.sh: line 11:  7672 Segmentation fault      (core dumped) HIP_VISIBLE_DEVICES=0,1 llama-cli -m model.gguf\n"
        )
        #expect(verdict.side == .userspace)
        #expect(verdict.failureClass == .abort)
    }
}
