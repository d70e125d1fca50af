import Foundation
import RocfaultCore
import RocfaultStore
import Testing

@Suite("Device coredumps")
struct DevcoredumpStoreTests {
    private func record(incidentKey: String?) throws -> DevcoredumpRecord {
        var dump = Devcoredump()
        dump.process = Devcoredump.Process(name: "python3", pid: 4242)
        dump.ringTimeout = Devcoredump.RingTimeout(ipType: 1, name: "comp_1.0.0")
        dump.firmware = [Devcoredump.Firmware(name: "MES", feature: 1, version: 0x83)]
        return DevcoredumpRecord(
            bootID: "boot-1",
            name: "devcd1",
            failingDevice: "0000:c3:00.0",
            file: "/state/devcoredump/x.txt.gz",
            size: 1234,
            truncated: false,
            resetTime: EventTime(monotonicMicroseconds: 5_000_000),
            dump: dump,
            incidentKey: incidentKey,
            capturedAt: Date(timeIntervalSince1970: 1_795_000_000)
        )
    }

    @Test("a dump is found by the incident it joined, and a later row with the incident fills it in")
    func storesAndFindsByIncident() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        defer { try? store.close() }
        try store.recordDevcoredump(record(incidentKey: nil))
        #expect(try store.devcoredumps(incidentKey: "7").isEmpty)
        try store.recordDevcoredump(record(incidentKey: "7"))
        try store.recordDevcoredump(record(incidentKey: nil))
        let found = try store.devcoredumps(incidentKey: "7")
        #expect(found.count == 1)
        #expect(found.first?.file == "/state/devcoredump/x.txt.gz")
        #expect(found.first?.failingDevice == "0000:c3:00.0")
        #expect(found.first?.summary.contains("Ring timed out: comp_1.0.0 (compute, IP type 1)") == true)
        #expect(found.first?.summary.contains("Firmware: MES 0x00000083") == true)
    }

    @Test("retention deletes the dumps of incidents that are gone, and their copies, once settled")
    func retentionDeletesOrphans() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        defer { try? store.close() }
        let now: Int64 = 1_795_000_000
        try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "kept", at: now - 7200))]))
        func add(_ name: String, key: String?, age: Int64) throws -> String {
            let file = directory.file(name + ".txt.gz")
            FileManager.default.createFile(atPath: file, contents: Data([1]))
            var row = try record(incidentKey: key)
            row.name = name
            row.file = file
            row.capturedAt = Date(timeIntervalSince1970: TimeInterval(now - age))
            try store.recordDevcoredump(row)
            return file
        }
        let kept = try add("devcd1", key: "kept", age: 7200)
        let orphan = try add("devcd2", key: "gone", age: 7200)
        let fresh = try add("devcd3", key: "gone", age: 60)
        let ancient = try add("devcd4", key: "kept", age: 200 * 86_400)
        _ = try store.applyRetention(
            maxBytes: 1 << 30,
            maxAge: .seconds(180 * 86_400),
            now: Date(timeIntervalSince1970: TimeInterval(now))
        )
        #expect(try store.devcoredumps(incidentKey: "kept").map(\.name) == ["devcd1"])
        #expect(try store.devcoredumps(incidentKey: "gone").map(\.name) == ["devcd3"])
        #expect(FileManager.default.fileExists(atPath: kept) && FileManager.default.fileExists(atPath: fresh))
        #expect(!FileManager.default.fileExists(atPath: orphan) && !FileManager.default.fileExists(atPath: ancient))
    }
}
