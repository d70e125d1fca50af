import Foundation
import Testing

@testable import RocfaultCore

/// Evidence tied to a GPU by the PCI address its kernel lines name: failures of two GPUs at the
/// same moment are two incidents, and a GPU's later lines join its own.
@Suite struct DeviceCorrelationTests {
    /// The PCI addresses an incident's kernel lines name.
    static func addresses(of incident: Incident) -> Set<String> {
        IncidentDraft.pciAddresses(of: incident.evidence)
    }

    /// MES failing on two GPUs in the same second (the corpus's MES lines, written for two boards):
    /// each GPU's lines make their own incident.
    @Test func twoGPUsFailingTogetherAreTwoIncidents() throws {
        let text = """
            [  812.104411] amdgpu 0000:c3:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE
            [  812.104502] amdgpu 0000:03:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE
            [  812.104530] amdgpu 0000:c3:00.0: amdgpu: failed to remove hardware queue from MES, doorbell=0x1002
            [  812.104561] amdgpu 0000:03:00.0: amdgpu: failed to remove hardware queue from MES, doorbell=0x1202
            """
        let result = ShippedRules.check([("two-gpus.log", text)], ruleSet: try ShippedRules.load())
        let deciding = result.incidents.filter { $0.verdict.side == .kernel }
        #expect(deciding.count == 2, "\(result.incidents.map { ($0.id, Self.addresses(of: $0)) })")
        #expect(Set(deciding.map(Self.addresses)) == [["0000:c3:00.0"], ["0000:03:00.0"]])
        #expect(deciding.allSatisfy { $0.evidence.flatMap(\.lines).count == 2 })
    }

    /// An 8-GPU MI300X hive's RAS event (ROCm/ROCm#4021): four GPUs report at once; the reset of
    /// the GPU that raised the uncorrectable error joins that GPU's incident, which decides.
    @Test func aHiveEventKeepsEachGPUsLinesApartAndTheResetWithItsGPU() throws {
        let url = ShippedRules.fixtures.appendingPathComponent("corpus/ROCm-4021.log")
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = ShippedRules.check([("ROCm-4021.log", text)], ruleSet: try ShippedRules.load())
        let withDevices = result.incidents.filter { !Self.addresses(of: $0).isEmpty }
        #expect(withDevices.allSatisfy { Self.addresses(of: $0).count == 1 })
        let ras = try #require(result.incidents.first { Self.addresses(of: $0) == ["0000:dd:00.0"] })
        #expect(ras.evidence.map(\.ruleID).contains("amdgpu.ras.athub-fatal"))
        #expect(ras.evidence.map(\.ruleID).contains("amdgpu.reset.begin"))
        #expect(result.verdict.side == .kernel && result.verdict.failureClass == .rasError)
    }

    /// Lines that name no device (a `[drm]` line, a runtime abort) still join the incident open
    /// beside them.
    @Test func linesNamingNoDeviceStillJoin() throws {
        let text = """
            [  812.104411] amdgpu 0000:c3:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE
            [  812.104600] [drm:amdgpu_job_timedout [amdgpu]] *ERROR* ring gfx_0.0.0 timeout, signaled seq=1, emitted seq=2
            """
        let result = ShippedRules.check([("one-gpu.log", text)], ruleSet: try ShippedRules.load())
        let deciding = result.incidents.filter { $0.verdict.side == .kernel }
        #expect(deciding.count == 1)
        #expect(deciding.first?.evidence.count == 2)
    }
}
