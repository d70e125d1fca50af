import Testing

@testable import RocfaultCore

/// Event lines exactly as `kfd_smi_event_add` writes them: `"%x "` and the event's format from
/// `include/uapi/linux/kfd_ioctl.h`, for each kernel version that differs.
@Suite struct KFDEventTests {
    /// `KFD_EVENT_FMT_VMFAULT` ("%x:%s\n"), the same from 5.x to now: the pid is hex.
    @Test func vmFaultNamesItsPidInHex() throws {
        let event = try KFDEventParser.parse("1 1092:python3")
        #expect(event.kind == .vmFault)
        #expect(event.pid == 0x1092)
        #expect(event.taskName == "python3")
    }

    /// 6.4 and later: `KFD_EVENT_FMT_UPDATE_GPU_RESET` ("%x %s\n"); before: "%x\n" (the count).
    @Test(arguments: [
        ("3 5 MODE1", KFDEvent.Kind.gpuPreReset, UInt64(5), "MODE1" as String?),
        ("4 5 MODE1", .gpuPostReset, 5, "MODE1"),
        ("3 1a", .gpuPreReset, 0x1a, nil),
        ("4 1a", .gpuPostReset, 0x1a, nil),
        ("3 2 ", .gpuPreReset, 2, nil),
    ])
    func resetsOfEveryKernelParse(line: String, kind: KFDEvent.Kind, sequence: UInt64, cause: String?) throws {
        let event = try KFDEventParser.parse(line)
        #expect(event.kind == kind)
        #expect(event.resetSequence == sequence)
        #expect(event.resetCause == cause)
    }

    @Test func theTimedEventsParse() throws {
        let lines: [(String, KFDEvent.Kind, UInt64?)] = [
            ("5 123456789 -4242 @7f00(200) 0->bef1 0:bef1 1", .migrateStart, 0x7f00),
            ("6 123456790 -4242 @7f00(200) 0->bef1 1", .migrateEnd, 0x7f00),
            ("7 123456791 -4242 @7f10(bef1) W", .pageFaultStart, 0x7f10),
            ("8 123456792 -4242 @7f10(bef1) M", .pageFaultEnd, 0x7f10),
            ("9 123456793 -4242 bef1 2", .queueEviction, nil),
            ("a 123456794 -4242 bef1 0", .queueRestore, nil),
            ("a 123456795 -4242 bef1 R", .queueRestore, nil),
            ("b 123456796 -4242 @7f00(10) bef1 2", .unmapFromGPU, 0x7f00),
        ]
        for (line, kind, address) in lines {
            let event = try KFDEventParser.parse(line)
            #expect(event.kind == kind, "\(line)")
            #expect(event.pid == 4242, "\(line)")
            #expect(event.bootTimeNanoseconds != nil, "\(line)")
            #expect(event.address == address, "\(line)")
        }
    }

    @Test func thermalAndProcessEventsParse() throws {
        #expect(try KFDEventParser.parse("2 20:3").kind == .thermalThrottle)
        let start = try KFDEventParser.parse("c 1092 python3")
        #expect(start.kind == .processStart)
        #expect(start.pid == 0x1092)
        #expect(try KFDEventParser.parse("d 1092 python3").kind == .processEnd)
    }

    @Test func badLinesGetACodeNotACrash() {
        for (line, code) in [
            ("", "not-an-event"), ("zz 1:a", "not-an-event"), ("1f 1:a", "unknown-event"),
            ("1 xyz", "bad-fields"), ("7 12 4242 @1(1) W", "bad-fields"),
        ] {
            do {
                _ = try KFDEventParser.parse(line)
                Issue.record("\(line) parsed")
            } catch {
                #expect(error.code == code, "\(line)")
            }
        }
    }

    @Test func theStreamSplitsReadsIntoLinesAndClosesTheResetWindow() {
        var stream = KFDEventStream(gpuID: 48879, start: EventTime(realtimeMicroseconds: 1_000), bootID: "b")
        let cut = stream.read(Array("3 5 MO".utf8), at: EventTime(realtimeMicroseconds: 2_000_000))
        #expect(cut.isEmpty)
        let begun = stream.read(Array("DE1\n".utf8), at: EventTime(realtimeMicroseconds: 2_000_000))
        #expect(begun.map(\.text) == ["amdkfd SMI event: GPU 48879: GPU reset 5 begins (MODE1)"])
        #expect(stream.openReset?.sequence == 5)
        let done = stream.read(
            Array("4 5 MODE1\n1 1092:python3\n".utf8),
            at: EventTime(realtimeMicroseconds: 2_812_000)
        )
        #expect(
            done.map(\.text) == [
                "amdkfd SMI event: GPU 48879: GPU reset 5 done after 812 ms (MODE1)",
                "amdkfd SMI event: GPU 48879: VM fault by pid 4242 (python3)",
            ]
        )
        #expect(stream.openReset == nil)
        #expect(done.allSatisfy { $0.origin == .kernel && $0.location.file == "kfd-smi:48879" && $0.bootID == "b" })
        #expect(stream.coverage.to == nil)
        stream.end(at: EventTime(realtimeMicroseconds: 3_000_000))
        #expect(
            stream.coverage
                == KernelLogCoverageLedger.Interval(
                    source: "kfd-smi:48879",
                    bootID: "b",
                    from: EventTime(realtimeMicroseconds: 1_000),
                    to: EventTime(realtimeMicroseconds: 3_000_000)
                )
        )
        _ = stream.read(Array("garbage\n".utf8), at: EventTime())
        #expect(stream.rejected.map(\.code) == ["not-an-event"])
    }

    /// A VM fault from the event stream names its pid, so it joins that process's runtime abort
    /// without any PASID: the incident is kernel-side.
    @Test func aVMFaultJoinsTheIncidentOfItsPid() throws {
        var configuration = Correlator.Configuration()
        configuration.nonDecidingEvidenceOpensIncidents = false
        var engine = LiveEngine(ruleSet: try ShippedRules.load(), configuration: configuration)
        let abort = LogRecord(
            text:
                "Memory access fault by GPU node-1 (Agent handle: 0x55d1c0) on address 0x7f1234000. Reason: Page not present or supervisor privilege.",
            origin: .userspace,
            format: .journalLive,
            location: SourceLocation(file: "journal", line: 0),
            realtimeMicroseconds: 10_000_000,
            pid: 4242,
            identifier: "python3"
        )
        _ = engine.ingest(abort, source: "journal", now: 10_000_000)
        var stream = KFDEventStream(gpuID: 7, start: EventTime(realtimeMicroseconds: 0), bootID: nil)
        let records = stream.read(Array("1 1092:python3\n".utf8), at: EventTime(realtimeMicroseconds: 10_500_000))
        let other = stream.read(Array("1 999:llama-server\n".utf8), at: EventTime(realtimeMicroseconds: 10_600_000))
        for record in records + other { _ = engine.ingest(record, source: stream.source, now: 10_600_000) }
        let finished = engine.finishAll(now: 99_000_000).finalized
        let classifier = IncidentClassifier(ruleSet: try ShippedRules.load())
        let incidents = finished.map {
            classifier.classify($0, context: IncidentContext(kernelLog: .covered), isFinal: true)
        }
        let joined = try #require(incidents.first { $0.pid == 0x1092 })
        #expect(joined.verdict.side == .kernel)
        #expect(Set(joined.evidence.map(\.ruleID)).contains("amdkfd.smi.vm-fault"))
        #expect(joined.evidence.count >= 2)
        let separate = try #require(incidents.first { $0.pid == 0x999 })
        #expect(separate.comm == "llama-server")
        #expect(incidents.count == 2)
    }
}
