import Foundation
import Testing

@testable import RocfaultCore

/// Stalls recognised in saved logs: real hang cases from public issues, and the end-of-input,
/// interrupt, OOM and crash-stack decisions around them.
@Suite struct StallRecognitionTests {
    static let cases = CorpusTests.cases(in: "hangs")

    private func verdict(_ text: String) throws -> Verdict {
        try ShippedRules.check([("log", text)], ruleSet: ShippedRules.load()).verdict
    }

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 5)
    }

    @Test(arguments: cases)
    func publicCaseGetsItsLabel(_ testCase: CorpusTests.Case) throws {
        let url = ShippedRules.fixtures.appendingPathComponent("hangs/\(testCase.name).log")
        let result = try verdict(String(contentsOf: url, encoding: .utf8))
        #expect(result.side.rawValue == testCase.label, "\(result.summary)")
    }

    @Test func logEndingInMmapLoadIsALikelyStallWithTheMmapAdvice() throws {
        let result = try verdict(
            """
            load_tensors: loading model tensors, this can take a while... (mmap = true, direct_io = false)
            load_tensors: offloaded 37/37 layers to GPU
            load_tensors:        ROCm0 model buffer size = 61223.74 MiB
            INFO: task llama-server:4242 blocked for more than 122 seconds.
            """
        )
        #expect(result.side == .hang)
        #expect(result.summary.contains("a stall is likely"))
        #expect(result.knownIssues.contains("rocfault:strix-halo-mmap-stall"))
    }

    /// A Python traceback through torch.cuda.synchronize is a stall when the user interrupted it, and
    /// no stall when it ends in the error the call returned (THUDM/CodeGeeX#160, on NVIDIA GPUs).
    @Test func aTracebackThroughSynchronizeIsAStallOnlyWhenInterrupted() throws {
        let frames = """
            Traceback (most recent call last):
              File "/data1/codegeex/megatron/global_vars.py", line 211, in stop
                torch.cuda.synchronize()
              File "/data1/anaconda/env/ysj_llm/lib/python3.10/site-packages/torch/cuda/__init__.py", line 566, in synchronize
                return torch._C._cuda_synchronize()

            """
        let interrupted = try verdict(frames + "KeyboardInterrupt\n")
        #expect(interrupted.side == .hang, "\(interrupted.summary)")
        let failed = try verdict(frames + "RuntimeError: CUDA error: an illegal memory access was encountered\n")
        #expect(failed.side == .none, "\(failed.summary)")
        #expect(failed.failureClass != .stall)
    }

    @Test func completedLoadIsNoStall() throws {
        let result = try verdict(
            """
            load_tensors: loading model tensors, this can take a while... (mmap = true, direct_io = false)
            llama_context: constructing llama_context
            """
        )
        #expect(result.side == .none)
        #expect(result.failureClass == .noEvidence, "a load that completed shows no stall")
        #expect(!result.knownIssues.contains("rocfault:strix-halo-mmap-stall"))
    }

    /// A load that put no layer on the GPU reads the model into host memory only: a log that ends
    /// there shows no GPU work that could have stalled (lines of likelovewant/ollama-for-amd#135).
    @Test func aLoadWithNoLayerOnTheGPUIsNoGPUStall() throws {
        let start = "load_tensors: loading model tensors, this can take a while... (mmap = true)\n"
        let none = try verdict(start + "load_tensors: offloaded 0/29 layers to GPU\n")
        #expect(none.side == .none, "\(none.summary)")
        let some = try verdict(start + "load_tensors: offloaded 29/29 layers to GPU\n")
        #expect(some.side == .hang, "\(some.summary)")
    }

    @Test func hostOOMKillExplainsTheStop() throws {
        let result = try verdict(
            """
            time=2026-06-03T22:32:39.394Z level=INFO source=llama_server.go:1186 msg="waiting for llama-server to become available" status="llm server not responding"
            ollama.service: A process of this unit has been killed by the OOM killer.
            """
        )
        #expect(result.side == .none)
    }

    @Test func interruptAfterGPUWorkIsAProbableStall() throws {
        let result = try verdict(
            """
            main: loading model
            llama_context: constructing llama_context
            Thread 1 "llama-server" received signal SIGINT, Interrupt.
            """
        )
        #expect(result.side == .hang)
        #expect(result.summary.contains("interrupted after GPU work"))
    }

    @Test func interruptAloneIsNoStall() throws {
        #expect(try verdict("KeyboardInterrupt").side == .none)
    }

    @Test func eventThreadAloneIsNoStall() throws {
        let result = try verdict(
            """
            #1  0x00007f2d8c0b1f00 in hsaKmtWaitOnMultipleEvents_Ext () from /opt/rocm/lib/libhsa-runtime64.so.1
            #2  0x00007f2d8c0a9e11 in rocr::core::Signal::WaitAny(unsigned int, hsa_signal_s const*) () from /opt/rocm/lib/libhsa-runtime64.so.1
            #3  0x00007f2d8c0a1234 in rocr::core::Runtime::AsyncEventsLoop(void*) () from /opt/rocm/lib/libhsa-runtime64.so.1
            """
        )
        #expect(result.side == .none)
    }

    @Test func crashInTheStacksTakesOutTheWaitFrames() throws {
        let result = try verdict(
            """
            Thread 1 "python3" received signal SIGSEGV, Segmentation fault.
            #4  0x00007fa3b0e4a2c1 in hipDeviceSynchronize () from /opt/rocm/lib/libamdhip64.so.6
            """
        )
        #expect(result.side != .hang)
    }

    @Test func schedYieldCalledByTheRuntimeIsAStall() throws {
        let result = try verdict(
            """
            #0  0x00007f8e3c4e67c7 in sched_yield () from /lib/x86_64-linux-gnu/libc.so.6
            #1  0x00007f8e2a1b3c4d in ?? () from /opt/rocm/lib/libhsa-runtime64.so.1
            """
        )
        #expect(result.side == .hang)
        let plain = try verdict(
            """
            #0  0x00007f8e3c4e67c7 in sched_yield () from /lib/x86_64-linux-gnu/libc.so.6
            #1  0x00007f8e3c4b1234 in worker_loop () from /usr/lib/libfoo.so
            """
        )
        #expect(plain.side == .none)
    }

    @Test func hungTaskWaitingInAmdgpuIsAHangNotAKernelFault() throws {
        let result = try verdict(
            """
            [ 7380.112233] INFO: task python3:4242 blocked for more than 122 seconds.
            [ 7380.112240] Call Trace:
            [ 7380.112250]  schedule+0x27/0xa0
            [ 7380.112260]  dma_fence_wait_timeout+0x10b/0x130
            [ 7380.112270]  amdgpu_vm_fini+0x2c/0x4a0 [amdgpu]
            """
        )
        #expect(result.side == .hang)
    }

    @Test func lostInterruptAdviceForAnInterruptWait() throws {
        let result = try verdict(
            "#1  0x00007f2d8c0b1e2a in hsaKmtWaitOnEvent_Ext () from /opt/rocm/lib/libhsa-runtime64.so.1"
        )
        #expect(result.side == .hang)
        #expect(result.knownIssues.contains("ROCm/ROCm#6530"))
    }

    @Test func errorThatDecidesNoSideIsNoStall() throws {
        let result = try verdict(
            """
            Requested to load SDXL
            torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.64 GiB
            Aborted (core dumped)
            """
        )
        #expect(result.side == .none)
    }

    @Test func unfinishedGraphCaptureIsAStallAndAFinishedBarIsNot() throws {
        let stuck = try verdict(
            """
            INFO 02-09 10:11:50 [__init__.py:216] Automatically detected platform rocm.
            Capturing CUDA graph shapes:  12%|█▏        | 8/67 [00:03<00:24,  2.42it/s]
            """
        )
        #expect(stuck.side == .hang)
        let finished = try verdict(
            """
             35%|███▌      | 7/20 [00:14<00:26,  2.01s/it]
            100%|██████████| 20/20 [00:40<00:00,  2.01s/it]
            """
        )
        #expect(finished.side == .none)
    }

    /// A Windows launcher's closing `pause` (cmd.exe echoes `C:\dir>pause`, then "Press any key")
    /// shows the program had returned: the phase it was in did not stall (ComfyUI#10542, which
    /// exited silently at a model load). Without it, the same log is a likely stall.
    @Test func aLauncherPauseAfterThePhaseMeansTheProgramExited() throws {
        let phase = """
            Automatically detected platform rocm.
            Requested to load WanVAE

            """
        #expect(try verdict(phase).side == .hang)
        let pause = "C:\\GenBot\\ComfyUI_windows_portable>pause\nPress any key to continue . . .\n"
        let exited = try verdict(phase + pause)
        #expect(exited.side == .none, "\(exited.summary)")
    }

    /// A failure after the phase, even one whose GPU the input does not name (llama.cpp-8492: ggml's
    /// Vulkan allocation failing on an unnamed card), says the job failed rather than stalled.
    @Test func aFailureOfAnUnnamedGPUAfterThePhaseIsNoStall() throws {
        let phase = """
            main: seed  = 1721069901
            llama_model_loader: loaded meta data with 23 key-value pairs and 195 tensors from ../phi3.gguf

            """
        #expect(try verdict(phase).side == .hang)
        let failed = try verdict(
            phase + "ggml_vulkan: Device memory allocation of size 1610612736 failed.\n"
                + "ggml_vulkan: vk::Device::allocateMemory: ErrorOutOfDeviceMemory\n"
        )
        #expect(failed.side == .none, "\(failed.summary)")
        #expect(failed.failureClass != .stall)
    }

    @Test func kernelFaultDuringALoadStaysKernelSide() throws {
        let result = try verdict(
            """
            load_tensors: loading model tensors, this can take a while... (mmap = true, direct_io = false)
            amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:40 vmid:8 pasid:32772)
            """
        )
        #expect(result.side == .kernel)
        #expect(!result.knownIssues.contains("rocfault:strix-halo-mmap-stall"))
    }

    @Test func loadStallOnAnotherVendorsGPUIsNotAnAMDHang() throws {
        let nvidia = try verdict(
            """
            ggml_cuda_init: found 2 CUDA devices:
              Device 0: NVIDIA GeForce RTX 3060, compute capability 8.6, VMM: yes
            load_tensors: loading model tensors, this can take a while... (mmap = true)
            """
        )
        #expect(nvidia.side == .none, "\(nvidia.summary)")
        #expect(nvidia.failureClass == .nvidia)
        let unnamed = try verdict("load_tensors: loading model tensors, this can take a while... (mmap = true)")
        #expect(unnamed.side == .hang, "a stall in a log that names no vendor stays a likely stall")
    }

    @Test func ollamaLoadTimeoutIsTiedToTheNamedVendor() throws {
        let intel = try verdict(
            """
            time=2025-07-29T02:37:01.585+08:00 level=INFO source=types.go:130 msg="inference compute" id=0 library=oneapi variant="" compute="" driver=0.0 name="Intel(R) Arc(TM) A770 Graphics" total="15.9 GiB" available="15.1 GiB"
            Error: timed out waiting for llama runner to start - progress 1.00 -
            """
        )
        #expect(intel.side == .none, "\(intel.summary)")
        #expect(try verdict("Error: timed out waiting for llama runner to start - progress 1.00 -").side == .hang)
    }

    /// kokkos/kokkos#5400: CTest killed only host-backend tests; every project's CTest prints the
    /// time-out, so it is a GPU stall only beside AMD's stack (ROCm/rocm-libraries#472's `.hip`
    /// tests).
    @Test func aCTestTimeoutIsAGPUStallOnlyBesideAMDsStack() throws {
        let host = try verdict(
            " 1/53 Test  #1: KokkosCore_UnitTest_Serial1 ..................***Timeout 1500.02 sec\n"
        )
        #expect(host.side == .none, "\(host.summary)")
        #expect(host.summary.hasPrefix("Not shown to be an AMD GPU failure"), "\(host.summary)")
        let hip = try verdict("  The following tests FAILED:\n  \t  6 - async_reduce.hip (Timeout)\n")
        #expect(hip.side == .hang, "\(hip.summary)")
    }

    @Test func canceledLoadIsAnInterruptNotATimeout() throws {
        let result = try verdict(
            #"level=INFO source=sched.go:518 msg="Load failed" error="timed out waiting for llama runner to start: context canceled""#
        )
        #expect(result.side == .none, "a client that went away is no stall by itself: \(result.summary)")
    }

    @Test func rcclInitThatNeverCompletesIsAStallButNCCLsIsNot() throws {
        let start =
            "6a9ab017bb44:454:461 [0] NCCL INFO comm 0x557b4c553c80 rank 0 nranks 1 cudaDev 0 nvmlDev 0 busId d8000 commId 0x428d7c9b55223c50 - Init START"
        let rccl = try verdict("RCCL version 2.16.5+hip5.6\n" + start)
        #expect(rccl.side == .hang, "\(rccl.summary)")
        let nccl = try verdict("NCCL version 2.18.5+cuda12.2\n" + start)
        #expect(nccl.side == .none, "\(nccl.summary)")
        let complete = try verdict(
            "RCCL version 2.16.5+hip5.6\n" + start
                + "\n7b6059672f82:104:104 [0] NCCL INFO comm 0x564d4af51740 rank 0 nranks 1 cudaDev 0 busId 170 - Init COMPLETE"
        )
        #expect(complete.side == .none)
    }

    @Test func watchdogTimeoutIsAHangWhenRCCLIsNamed() throws {
        let line =
            "[rank1]:[E626 06:24:44.903881913 ProcessGroupNCCL.cpp:616] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=808, OpType=ALLREDUCE, NumelIn=9801523, NumelOut=9801523, Timeout(ms)=600000) ran for 600020 milliseconds before timing out."
        #expect(try verdict("RCCL version 2.16.5+hip5.6\n" + line).side == .hang)
        #expect(try verdict("NCCL version 2.18.5+cuda12.2\n" + line).side == .none)
    }

    @Test func vllmCompileThatNeverEndsIsAStall() throws {
        let start =
            "(EngineCore pid=129) INFO 07-01 04:24:18 [backends.py:1089] Using cache directory: /root/.cache/vllm/torch_compile_cache/41b7c9b698/rank_0_0/backbone for vLLM's torch.compile"
        let stuck = try verdict(
            "INFO 02-09 10:11:50 [__init__.py:216] Automatically detected platform rocm.\n" + start
                + "\n(EngineCore pid=129) INFO 07-01 04:24:18 [backends.py:1148] Dynamo bytecode transform time: 4.70 s"
        )
        #expect(stuck.side == .hang, "\(stuck.summary)")
        let done = try verdict(
            """
            (EngineCore_DP0 pid=12321) INFO 02-12 19:35:51 [backends.py:812] Using cache directory: /home/rechenknecht/.cache/vllm/torch_compile_cache/6715ce382d/rank_0_0/backbone for vLLM's torch.compile
            (EngineCore_DP0 pid=12321) INFO 02-12 19:35:56 [monitor.py:34] torch.compile takes 18.50 s in total
            """
        )
        #expect(done.side == .none)
        let cuda = try verdict("INFO 08-01 12:38:45 [__init__.py:241] Automatically detected platform cuda.\n" + start)
        #expect(cuda.side == .none, "the same stall on vLLM's CUDA platform is not AMD evidence")
    }

    @Test func vllmWorkersThatNeverAnswerAreAStall() throws {
        let rpc = try verdict(
            """
            INFO 02-09 10:11:50 [__init__.py:216] Automatically detected platform rocm.
            TimeoutError: RPC call to sample_tokens timed out.
            Parent process exited, terminating worker queues
            """
        )
        #expect(rpc.side == .hang, "\(rpc.summary)")
        let wait =
            "[shm_broadcast.py:501] No available shared memory broadcast block found in 60 seconds. This typically happens when some processes are hanging or doing some time-consuming work (e.g. compilation, weight/kv cache quantization)."
        #expect(try verdict(wait).side == .hang)
        let recovered = try verdict(wait + "\ninit engine (profile, create kv cache, warmup model) took 124.16 seconds")
        #expect(recovered.side == .none, "a wait that start-up then got past is no stall")
    }

    @Test func workerTorchrunCouldNotStopIsAStallUnlessAnotherWorkerFailed() throws {
        let stuck =
            "W0810 15:47:06 ... Unable to shutdown process 188 via Signals.SIGTERM, forcefully exiting via Signals.SIGKILL"
        #expect(try verdict(stuck).side == .hang)
        let afterCrash = try verdict(
            """
            W0810 15:46:36 ... Sending process 188 closing signal SIGTERM
            \(stuck)
            torch.distributed.elastic.multiprocessing.errors.ChildFailedError:
              exitcode  : -6 (pid: 187)
              traceback : Signal 6 (SIGABRT) received by PID 187
            """
        )
        #expect(afterCrash.side != .hang, "the stuck worker waited for the one that aborted: \(afterCrash.summary)")
    }

    @Test func hungTaskRunningInAnAMDModuleIsAHang() throws {
        let result = try verdict(
            """
            [ 7380.112233] INFO: task python3:4242 blocked for more than 122 seconds.
            [ 7380.112240] Call Trace:
            [ 7380.112250]  schedule+0x27/0xa0
            [  806.355457]  dm_suspend+0xb8/0x1d0 [amdgpu]
            """
        )
        #expect(result.side == .hang, "\(result.summary)")
        let disk = try verdict(
            """
            [ 7380.112233] INFO: task python3:4242 blocked for more than 122 seconds.
            [ 7380.112240] Call Trace:
            [ 7380.112250]  schedule+0x27/0xa0
            """
        )
        #expect(disk.side == .none, "a hung task with no GPU frame is no GPU stall")
    }

    /// The DRM core's fence waits are every GPU driver's: a frame of another vendor's GPU module in
    /// the same trace ties the hung task to that GPU (linux-lima#16: kodi-gbm waiting in lima), in
    /// either order of the frames, and an amdgpu frame still makes a hang.
    @Test func hungTaskWaitingInAnotherVendorsDriverIsNotAnAMDStall() throws {
        let header = "[ 3021.755145] INFO: task kodi-gbm:464 blocked for more than 120 seconds."
        let fence = "[ 3021.794210]  dma_fence_default_wait+0x1a0/0x1d8"
        let lima = "[ 3021.802927]  lima_vm_bo_del+0x1b8/0x1d0 [lima]"
        for frames in [[fence, lima], [lima, fence]] {
            let result = try verdict(([header] + frames).joined(separator: "\n"))
            #expect(result.side == .none, "\(result.summary)")
            #expect(result.failureClass == .otherGPU, "\(result.summary)")
        }
        let amdgpu = "[ 3021.802927]  amdgpu_vm_fini+0x2c/0x4a0 [amdgpu]"
        let amd = try verdict([header, fence, amdgpu].joined(separator: "\n"))
        #expect(amd.side == .hang, "\(amd.summary)")
        // AMD's driver wins whichever comes first, and a frame the unwinder only guessed (`? `) says
        // nothing about whose GPU it is.
        for frames in [[lima, fence, amdgpu], [amdgpu, lima], [fence, " ? lima_vm_bo_del+0x1b8/0x1d0 [lima]"]] {
            let result = try verdict(([header] + frames).joined(separator: "\n"))
            #expect(result.side == .hang, "\(frames): \(result.summary)")
        }
    }
}
