import Testing

@testable import RocfaultCore

@Suite struct CorrelationTests {
    typealias Support = EngineTestSupport

    @Test func samePIDKernelFaultMakesTheCrashKernelSide() throws {
        let set = try Support.ruleSet()
        let incidents = Support.incidents(
            [
                Support.user("Memory critical error by agent node-0 (Agent handle: 0x1)", line: 1, pid: 5578),
                Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:7)", line: 1, seconds: 10),
                Support.kernel("Process python pid 5578 thread python pid 5578", line: 2, seconds: 10),
            ],
            ruleSet: set
        )
        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.verdict.side == .kernel)
        #expect(incident.verdict.failureClass == .pageFault)
        #expect(incident.verdict.kernelLog == .covered)
        #expect(incident.evidence.first?.ruleID == "k.fault")
        #expect(incident.pid == 5578)
    }

    @Test func silentKernelLogLeavesItUserspaceAndCovered() throws {
        let set = try Support.ruleSet()
        let incidents = Support.incidents(
            [Support.user("Memory critical error by agent node-0", line: 1)],
            ruleSet: set,
            kernelLog: .covered
        )
        let incident = try #require(incidents.first)
        #expect(incident.verdict.side == .userspace)
        #expect(incident.verdict.failureClass == .memoryInUse)
        #expect(incident.verdict.kernelLog == .covered)
        #expect(incident.verdict.knownIssues == ["ROCm/ROCm#6182"])
        #expect(incident.verdict.summary.contains("read for that time and is silent"))
    }

    @Test func noKernelLogSaysUnknown() throws {
        let set = try Support.ruleSet()
        let incident = try #require(
            Support.incidents([Support.user("Memory critical error by agent node-0", line: 1)], ruleSet: set).first
        )
        #expect(incident.verdict.kernelLog == .notProvided)
        #expect(incident.verdict.summary.contains("a kernel-side fault cannot be ruled out"))
    }

    @Test func benignOnlyIsNone() throws {
        let set = try Support.ruleSet()
        let incident = try #require(
            Support.incidents(
                [Support.kernel(#"amdgpu: [drm] Optional firmware "amdgpu/isp_4_1_0.bin" was not found"#, line: 1)],
                ruleSet: set
            ).first
        )
        #expect(incident.verdict.side == .none)
        #expect(incident.verdict.failureClass == .benign)
    }

    @Test func notAMDEvidenceIsNone() throws {
        let set = try Support.ruleSet()
        let incident = try #require(
            Support.incidents([Support.kernel("NVRM: Xid (PCI:0000:01:00): 31, MMU Fault", line: 1)], ruleSet: set)
                .first
        )
        #expect(incident.verdict.side == .none)
        #expect(incident.verdict.failureClass == .nvidia)
    }

    @Test func stormOfFaultsFoldsIntoOneIncidentWithCounts() throws {
        let set = try Support.ruleSet()
        var records: [LogRecord] = []
        for index in 0..<3000 {
            let line = index * 3
            let seconds = 100 + Double(index) / 1000
            records.append(
                Support.kernel(
                    "[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:32773)",
                    line: line + 1,
                    seconds: seconds
                )
            )
            records.append(
                Support.kernel("Process python pid 5578 thread python pid 5578", line: line + 2, seconds: seconds)
            )
            records.append(
                Support.kernel(
                    "in page starting at address 0x\(String(index * 4096, radix: 16)) from client 10",
                    line: line + 3,
                    seconds: seconds
                )
            )
        }
        let incidents = Support.incidents(records, ruleSet: set)
        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.evidence.count == 1)
        #expect(incident.evidence.first?.count == 3000)
        #expect(incident.ruleCounts["k.fault"] == 3000)
        #expect(incident.ruleCounts["k.fault.address"] == nil)
    }

    @Test func faultsFarApartInTimeAreSeparateIncidents() throws {
        let set = try Support.ruleSet()
        let incidents = Support.incidents(
            [
                Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:0)", line: 1, seconds: 10),
                Support.kernel("GPU reset begin!", line: 2, seconds: 11),
                Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:5)", line: 20, seconds: 400),
                Support.kernel("Process ollama pid 42 thread ollama pid 43", line: 21, seconds: 400),
            ],
            ruleSet: set
        )
        #expect(incidents.count == 2)
        #expect(incidents.map(\.pid) == [nil, 42])
        #expect(incidents.allSatisfy { $0.verdict.side == .kernel })
    }

    @Test func differentProcessesAreSeparateIncidents() throws {
        let set = try Support.ruleSet()
        let incidents = Support.incidents(
            [
                Support.user("Memory critical error by agent node-0", line: 1, pid: 10),
                Support.user("Memory critical error by agent node-0", line: 2, pid: 11),
            ],
            ruleSet: set
        )
        #expect(incidents.map(\.pid) == [10, 11])
    }

    @Test func demotedEvidenceDoesNotDecide() throws {
        let set = try Support.ruleSet()
        let incident = try #require(
            Support.incidents(
                [
                    Support.user(
                        "hipErrorNoBinaryForGpu: Unable to find code object for all current devices!",
                        line: 1
                    ),
                    Support.user("    amdgcn-amd-amdhsa--gfx1100 - [Found]", line: 2),
                    Support.user("    amdgcn-amd-amdhsa--gfx1036 - [Not Found]", line: 3),
                ],
                ruleSet: set
            ).first
        )
        #expect(incident.verdict.side == .none)
        #expect(incident.evidence.contains { $0.ruleID == "u.nobinary" && $0.kind == .context && $0.note != nil })
    }

    /// A demote aimed at the continuation that promoted a block demotes the whole block: fence
    /// fallbacks in a burst are the driver's late interrupts, but right after a resume every ring
    /// prints one by design.
    @Test func aDemoteAimedAtAContinuationDemotesTheBlockItPromoted() throws {
        let rules = try ShippedRules.load()
        let burst = ["gfx_0.0.0", "sdma0", "comp_1.0.0"].map {
            "Mar 02 08:10:01 lap kernel: amdgpu 0000:04:00.0: [drm] Fence fallback timer expired on ring \($0)\n"
        }.joined()
        let alone = ShippedRules.check([("kern.log", burst)], ruleSet: rules).verdict
        #expect(alone.side == .kernel, "\(alone.summary)")
        let resume = "Mar 02 08:10:01 lap kernel: PM: suspend exit\n" + burst
        let afterResume = ShippedRules.check([("kern.log", resume)], ruleSet: rules)
        #expect(afterResume.verdict.side == .none, "\(afterResume.verdict.summary)")
        let block = afterResume.incidents.flatMap(\.evidence).first { $0.ruleID == "amdgpu.ring.fence-fallback" }
        #expect(block?.note == IncidentClassifier.demotedNotePrefix + "kernel.pm.sleep-transition also matched")
        // A resume explains a burst right after it, not a flood that goes on, and a teardown
        // explains the fallbacks after it, not the ones that led to it.
        let flood = (0..<24).map { second in
            "Mar 02 08:10:\(second < 10 ? "0" : "")\(second) lap kernel: amdgpu 0000:04:00.0: [drm] "
                + "Fence fallback timer expired on ring gfx_0.0.0\n"
        }.joined()
        let floodAfterResume = "Mar 02 08:10:00 lap kernel: PM: suspend exit\n" + flood
        let resumed = ShippedRules.check([("kern.log", floodAfterResume)], ruleSet: rules).verdict
        #expect(resumed.side == .kernel, "\(resumed.summary)")
        let teardown = burst + "Mar 02 08:10:02 lap kernel: amdgpu 0000:04:00.0: amdgpu: amdgpu: finishing device.\n"
        let beforeTeardown = ShippedRules.check([("kern.log", teardown)], ruleSet: rules).verdict
        #expect(beforeTeardown.side == .kernel, "\(beforeTeardown.summary)")
    }

    /// A demote with `demotes-within` reaches only the lines near it: bitsandbytes' missing library
    /// explains its own traceback, not a failure of the job twenty lines later.
    @Test func aDemoteWithAReachLeavesAFailureFurtherOnDeciding() throws {
        let rules = try ShippedRules.load()
        let path = "/opt/venv/lib/python3.12/site-packages/bitsandbytes/libbitsandbytes_rocm84.so"
        let setup = [
            "bitsandbytes library load error: Configured ROCm binary not found at \(path)",
            "Traceback (most recent call last):",
            "  File \"/opt/venv/lib/python3.12/site-packages/bitsandbytes/cextension.py\", line 290, in <module>",
            "    lib = get_native_library()",
            "RuntimeError: Configured ROCm binary not found at \(path)",
        ]
        let alone = ShippedRules.check([("app.log", setup.joined(separator: "\n") + "\n")], ruleSet: rules).verdict
        #expect(alone.side == .none, "\(alone.summary)")
        #expect(alone.failureClass == .installError)
        let shards = (1...20).map { "Loading checkpoint shard \($0) of 20" }
        let later = setup + shards + ["RuntimeError: Failed to run MIOpen convolution on gfx1100"]
        let verdict = ShippedRules.check([("app.log", later.joined(separator: "\n") + "\n")], ruleSet: rules).verdict
        #expect(verdict.side == .userspace, "\(verdict.summary)")
        #expect(verdict.summary.contains("MIOpen convolution"))
    }

    @Test func traceEndingInsideACallIsAHang() throws {
        let set = try Support.ruleSet()
        let lines = [
            ":3:hip_memory.cpp :564 : 1 us: [pid:1 tid:0x1] hipMalloc: Returned hipSuccess : 0x7f",
            ":3:hip_memory.cpp :637 : 2 us: [pid:1 tid:0x1]  hipMemcpy ( 0xdc2150, 0x7f0144600000, 40 )",
            ":3:rocdevice.cpp :2896: 3 us: [pid:1 tid:0x1] created hardware queue",
        ]
        let incident = try #require(
            Support.incidents(lines.enumerated().map { Support.user($1, line: $0 + 1) }, ruleSet: set).first
        )
        #expect(incident.verdict.side == .hang)
        #expect(incident.verdict.failureClass == .stall)
        #expect(incident.evidence.first?.note?.contains("hipMemcpy") == true)
    }

    @Test func traceWhoseCallsReturnIsNotAHang() throws {
        let set = try Support.ruleSet()
        let lines = [
            ":3:hip_memory.cpp :637 : 2 us: [pid:1 tid:0x1]  hipMemcpy ( 0xdc2150 )",
            ":3:hip_memory.cpp :638 : 3 us: [pid:1 tid:0x1] hipMemcpy: Returned hipSuccess :",
        ]
        let incident = try #require(
            Support.incidents(lines.enumerated().map { Support.user($1, line: $0 + 1) }, ruleSet: set).first
        )
        #expect(incident.verdict.side == .none)
    }

    @Test func knownIssueFingerprintsUseAlternatives() throws {
        let set = try Support.ruleSet()
        let fault = Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:5)", line: 5, seconds: 5)
        let plain = try #require(Support.incidents([fault], ruleSet: set).first)
        #expect(plain.verdict.knownIssues.isEmpty)
        let withGfx = try #require(Support.incidents([fault], ruleSet: set, gfx: "gfx1151").first)
        #expect(withGfx.verdict.knownIssues == ["local:strix-fault"])
        let firmware = Support.kernel(#"Optional firmware "amdgpu/isp_4_1_0.bin" was not found"#, line: 1, seconds: 4)
        let withMarker = try #require(Support.incidents([firmware, fault], ruleSet: set).first)
        #expect(withMarker.verdict.knownIssues == ["local:strix-fault"])
    }

    @Test func signatureIsStableAcrossPIDsAndAddresses() throws {
        let set = try Support.ruleSet()
        func signature(pid: Int, address: String) throws -> String {
            let records = [
                Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:9)", line: 1, seconds: 1),
                Support.kernel("Process p pid \(pid) thread p pid \(pid)", line: 2, seconds: 1),
                Support.kernel("in page starting at address \(address) from client 10", line: 3, seconds: 1),
            ]
            return try #require(Support.incidents(records, ruleSet: set).first).signature
        }
        #expect(try signature(pid: 1, address: "0x1000") == signature(pid: 2, address: "0x2000"))
        let reset = try #require(Support.incidents([Support.kernel("GPU reset begin!", line: 1)], ruleSet: set).first)
        #expect(try reset.signature != signature(pid: 1, address: "0x1000"))
        #expect(reset.signature.hasPrefix("rf1-") && reset.signature.count == 20)
    }

    @Test func evidenceOfAKnownProcessDoesNotJoinAFaultOfAnUnownedAddressSpace() throws {
        let set = try Support.ruleSet()
        let incidents = Support.incidents(
            [
                Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:4711)", line: 1, seconds: 10),
                Support.kernel("GPU reset begin!", line: 20, seconds: 10),
                Support.user("Memory critical error by agent node-0", line: 1, pid: 99),
            ],
            ruleSet: set
        )
        #expect(incidents.count == 2)
        let userspace = try #require(incidents.first { $0.pid == 99 })
        #expect(userspace.verdict.side == .userspace)
        let fault = try #require(incidents.first { $0.pasid == 4711 })
        #expect(fault.ruleCounts["k.reset"] == 1, "a device-wide line with neither pid nor pasid still joins")
    }
}
