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

    /// Two reports pasted one after the other: an oops in another driver, closed by its end line,
    /// then a warning in the DRM core under amdgpu's frames. The frames are the warning's, not the
    /// oops's; without the end line they fall in the oops's window and would count for it.
    @Test func aFrameAfterAReportsEndLineIsNotThatReports() throws {
        let oops = """
            BUG: kernel NULL pointer dereference, address: 0000000000000008
            Oops: 0000 [#1] PREEMPT SMP NOPTI
            RIP: 0010:xhci_ring_ep_doorbell+0x12/0x40 [xhci_hcd]
            ---[ end trace 0000000000000000 ]---
            WARNING: CPU: 3 PID: 812 at drivers/gpu/drm/drm_atomic_helper.c:679 drm_atomic_helper_check_modeset+0x9ab/0xd00
             amdgpu_dm_atomic_check+0x74/0x1230 [amdgpu]

            """
        #expect(try AMDGPUStackTests.verdict(oops).side == .none)
        let unclosed = oops.replacingOccurrences(of: "---[ end trace 0000000000000000 ]---\n", with: "")
        #expect(try AMDGPUStackTests.verdict(unclosed).side == .kernel)
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

    /// ROCm/ROCm#2198: the oops's faulting instruction is the only amdgpu line (`RIP: 0010:` glued to
    /// the function). ROCm/ROCm#365: a kernel before 4.17 (`BUG: unable to handle kernel NULL
    /// pointer dereference at`, `IP:`). Both came out `none` before.
    @Test(arguments: [
        """
        [  369.214906] BUG: kernel NULL pointer dereference, address: 0000000000000130            
        [  369.214943] PGD 0 P4D 0                                                                      
        [  369.214950] Oops: 0000 [#1] PREEMPT SMP NOPTI                                                
        [  369.214980] RIP: 0010:pm_send_runlist+0x4a/0x6a0 [amdgpu]                                   

        """,
        """
        [  236.421417] BUG: unable to handle kernel NULL pointer dereference at 0000000000000018
        [  236.421449] IP: gmc_v8_0_set_pte_pde+0x1b/0x30 [amdgpu]
        [  236.421450] PGD 0 P4D 0 

        """,
    ])
    func theFaultingInstructionAndTheOldWordingCount(_ oops: String) throws {
        let verdict = try AMDGPUStackTests.verdict(oops)
        #expect(verdict.side == .kernel, "\(verdict.summary)")
    }

    /// ROCm/ROCm#1624: a paste that starts inside the report, at its kernel-mode register dump, with
    /// the call trace through amdkfd below; user-mode registers (a hung task's `RIP: 0033:`) do not
    /// open a report.
    @Test func aPasteThatStartsAtTheRegisterDumpIsStillAReport() throws {
        let fragment = """
            [78500.539049] RSP: 0018:ffffc23feb127a90 EFLAGS: 00010286
            [78500.539052] RAX: 0000000000000000 RBX: 0000000000000000 RCX: 0000000000000027
            [78500.539063] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033
            [78500.539067] Call Trace:
            [78500.539069]  <TASK>
            [78500.539071]  process_termination_nocpsch+0x9f/0x1e0 [amdgpu]
            [78500.539317]  kfd_process_dequeue_from_all_devices+0x62/0xa0 [amdgpu]

            """
        #expect(try AMDGPUStackTests.verdict(fragment).side == .kernel)
        let userRegisters = fragment.replacingOccurrences(of: "RSP: 0018:", with: "RSP: 002b:")
            .replacingOccurrences(of: "CS:  0010 DS:", with: "CS:  0033 DS:")
        #expect(try AMDGPUStackTests.verdict(userRegisters).side == .none)
    }

    /// The faulting instruction in the driver decides alone, wherever the report's first line went:
    /// ROCm/ROCm#4070 starts below it (a console collector's times, a WARN in KFD's SVM worker);
    /// rocm-arch/rocm-arch#138 is a quoted `journalctl -r` paste, whose `Oops:` line comes after the
    /// RIP line. A RIP line in another driver's code decides nothing.
    @Test(arguments: [
        """
        [2025-07-16T20:42:48+08:00][1854229.275568][T4056360] Hardware name: HPE HPE_CRAY_EX235A/HPE CRAY EX235A, BIOS 2.1.0 01-23-2025
        [2025-07-16T20:42:49+08:00][1854229.283887][T4056360] Workqueue: events svm_range_evict_svm_bo_worker [amdgpu]
        [2025-07-16T20:42:49+08:00][1854229.290017][T4056360] RIP: 0010:svm_range_evict_svm_bo_worker+0x313/0x330 [amdgpu]

        """,
        """
        > may 01 22:09:15 ulises kernel: RIP: 0010:amdgpu_vm_sdma_commit+0x59/0x1f0 [amdgpu]
        > may 01 22:09:15 ulises kernel: Hardware name: To Be Filled By O.E.M. To Be Filled By O.E.M./Z170 Pro4S, BIOS P7.50 01/23/2018
        > may 01 22:09:15 ulises kernel: CPU: 1 PID: 568 Comm: Xorg Tainted: G      D    OE     5.6.8-arch1-1 #1
        > may 01 22:09:15 ulises kernel: Oops: 0000 [#2] PREEMPT SMP PTI

        """,
    ])
    func theFaultingInstructionInTheDriverDecidesInAnyOrder(_ paste: String) throws {
        let verdict = try AMDGPUStackTests.verdict(paste)
        #expect(verdict.side == .kernel, "\(verdict.summary)")
        #expect(verdict.failureClass == .driverError)
        let elsewhere = paste.replacingOccurrences(of: "0x1f0 [amdgpu]", with: "0x1f0 [xe]")
            .replacingOccurrences(of: "0x330 [amdgpu]", with: "0x330 [xe]")
            .replacingOccurrences(of: "worker [amdgpu]", with: "worker [xe]")
        #expect(try AMDGPUStackTests.verdict(elsewhere).side == .none)
    }

    /// NixOS/nixpkgs#119843: a paste that starts at the register dump's CR2 line, then a call trace
    /// through KFD into amdgpu's job-timeout recovery. ROCm/ROCm#4688: an amdgpu WARNING alone.
    /// The same WARNING in i915 decides nothing.
    @Test func aRecoveryStackOrAnAmdgpuWarningIsKernelSide() throws {
        let recovery = try AMDGPUStackTests.verdict(
            """
            Apr 19 07:27:34 gaming kernel: CR2: 0000000000000028 CR3: 00000006c7810003 CR4: 00000000003706e0
            Apr 19 07:27:34 gaming kernel: Call Trace:
            Apr 19 07:27:34 gaming kernel:  stop_cpsch+0xa0/0xc0 [amdgpu]
            Apr 19 07:27:34 gaming kernel:  kgd2kfd_pre_reset+0x3f/0x50 [amdgpu]
            Apr 19 07:27:34 gaming kernel:  amdgpu_device_gpu_recover.cold+0x36e/0x95d [amdgpu]
            Apr 19 07:27:34 gaming kernel:  amdgpu_job_timedout+0x11c/0x140 [amdgpu]

            """
        )
        #expect(recovery.side == .kernel, "\(recovery.summary)")
        let warning = """
            [Tue Apr 22 09:49:27 2025] WARNING: CPU: 58 PID: 3595454 at /tmp/amd.iXiyxKmZ/amd/amdgpu/amdgpu_xcp.c:242 amdgpu_xcp_query_partition_mode+0xa8/0x130 [amdgpu]

            """
        #expect(try AMDGPUStackTests.verdict(warning).side == .kernel)
        let intel = """
            [Tue Apr 22 09:49:27 2025] WARNING: CPU: 3 PID: 812 at drivers/gpu/drm/i915/display/intel_display.c:4520 intel_atomic_commit_tail+0x1a/0x2c [i915]

            """
        #expect(try AMDGPUStackTests.verdict(intel).side == .none)
    }
}
