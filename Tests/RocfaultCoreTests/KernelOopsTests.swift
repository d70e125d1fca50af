import Foundation
import Testing

@testable import RocfaultCore

/// A kernel crash report (oops, BUG, panic) is a kernel-side failure when a frame of the amdgpu
/// driver follows its first line; a frame alone, or an oops in another driver, decides nothing.
@Suite struct KernelOopsTests {
    static let oops = """
        Jun 01 00:35:22 zero kernel: BUG: kernel NULL pointer dereference, address: 0000000000000000
        Jun 01 00:35:22 zero kernel: #PF: supervisor read access in kernel mode
        Jun 01 00:35:22 zero kernel: Oops: Oops: 0000 [#1] PREEMPT SMP NOPTI
        Jun 01 00:35:22 zero kernel: CPU: 5 UID: 0 PID: 262 Comm: kworker/5:1 Not tainted 6.14.9-arch1-1 #1
        Jun 01 00:35:22 zero kernel: Workqueue: kfd_process_wq kfd_process_wq_release [amdgpu]
        Jun 01 00:35:22 zero kernel: RIP: 0010:__rb_erase_color+0x1c/0x2e0

        """

    @Test func anOopsUnderTheAmdgpuDriverIsKernelSide() throws {
        let verdict = try AMDGPUStackTests.verdict(Self.oops)
        #expect(verdict.side == .kernel)
        #expect(verdict.failureClass == .driverError)
    }

    @Test func anOopsInAnotherDriverDecidesNothing() throws {
        let other = Self.oops.replacingOccurrences(
            of: "kfd_process_wq_release [amdgpu]",
            with: "xe_exec_queue_fini [xe]"
        )
        #expect(try AMDGPUStackTests.verdict(other).side == .none)
    }

    @Test func anAmdgpuFrameWithoutACrashReportDecidesNothing() throws {
        let frame =
            "[ 5804.237339]  dcn32_validate_bandwidth+0x10b/0x320 [amdgpu 1c8ee10b17eefcbc699301d2ec79eb6f22974de5]\n"
        #expect(try AMDGPUStackTests.verdict(frame).side == .none)
    }

    @Test func aDRMErrorPrefixIsNotAFrame() throws {
        let verdict = try AMDGPUStackTests.verdict(
            "kernel: [drm:amdgpu_cs_ioctl [amdgpu]] *ERROR* Not enough memory for command submission!\n"
        )
        #expect(!verdict.summary.contains("kernel.oops"))
        #expect(verdict.failureClass != .noEvidence)
    }
}
