import Testing

@testable import RocfaultCore

@Suite struct EvidenceAssemblerTests {
    typealias Support = EngineTestSupport

    private func assemble(_ records: [LogRecord]) throws -> [Observation] {
        let set = try Support.ruleSet()
        var assembler = EvidenceAssembler(source: "dmesg", ruleSet: set)
        var found: [Observation] = []
        for record in records {
            found += assembler.add(record: record, matches: set.matches(in: record.text), ordinal: record.location.line)
        }
        return found + assembler.flush()
    }

    @Test func continuationLinesAttachToTheirHeader() throws {
        let found = try assemble([
            Support.kernel("amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:32773)", line: 1, seconds: 1),
            Support.kernel("amdgpu:  Process python pid 5578 thread python pid 5578", line: 2, seconds: 1),
            Support.kernel("amdgpu:   in page starting at address 0x00007f5e85f94000 from client 10", line: 3),
        ])
        #expect(found.count == 1)
        let observation = try #require(found.first)
        #expect(observation.evidence.lines.map(\.ruleID) == ["k.fault", "k.fault.process", "k.fault.address"])
        #expect(observation.pid == 5578)
        #expect(observation.comm == "python")
        #expect(observation.pasid == 32773)
        #expect(observation.evidence.captures["address"] == "0x00007f5e85f94000")
    }

    @Test func continuationBeyondItsWindowStandsAlone() throws {
        let found = try assemble([
            Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:1)", line: 1),
            Support.kernel("Process python pid 5578 thread python pid 5578", line: 20),
        ])
        #expect(found.map(\.evidence.ruleID) == ["k.fault", "k.fault.process"])
        #expect(found[0].pid == nil)
    }

    @Test func aNewHeaderClosesThePreviousOne() throws {
        let found = try assemble([
            Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:1)", line: 1),
            Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:2)", line: 2),
            Support.kernel("Process b pid 2 thread b pid 2", line: 3),
        ])
        #expect(found.map(\.pasid) == [1, 2])
        #expect(found.map(\.pid) == [nil, 2])
    }

    @Test func kernelRuleOnAUserspaceLineDoesNotCount() throws {
        let injected = LogRecord(
            text: "amdgpu: GPU reset begin!",
            origin: .userspace,
            format: .kmsg,
            location: SourceLocation(file: "kmsg", line: 1)
        )
        let found = try assemble([injected])
        #expect(found.first?.evidence.kind == .context)
        #expect(found.first?.evidence.note?.contains("not counted") == true)
    }
}
