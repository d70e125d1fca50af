import Foundation
import Testing

@testable import RocfaultCore

/// `check` over more incidents than it keeps, and over inputs that are empty or not text.
@Suite struct LogCheckerLimitTests {
    /// One 'Memory in use' abort of pid `pid`, `minute` minutes after 14:00.
    static func abort(pid: Int, minute: Int) -> String {
        let time = String(format: "2025-12-05T%02d:%02d:00+00:00", 14 + minute / 60, minute % 60)
        return "\(time) host python3[\(pid)]: Memory critical error by agent node-0 (Agent handle: 0x1) "
            + "on address 0x7f. Reason: Memory in use.\n"
    }

    /// An old kernel page fault, then `count` userspace aborts a minute apart: the old fault is the
    /// strongest, but only the newest `LogChecker.incidentLimit` are kept, and the rest are counted.
    @Test func keepsTheNewestIncidentsAndCountsTheDropped() throws {
        let set = try ShippedRules.load()
        let count = LogChecker.incidentLimit + 50
        var text =
            "2025-12-05T13:00:00+00:00 host kernel: amdgpu 0000:63:00.0: amdgpu: [gfxhub] page fault "
            + "(src_id:0 ring:153 vmid:8 pasid:32803)\n"
        for index in 0..<count { text += Self.abort(pid: 1000 + index, minute: index * 2) }
        let result = ShippedRules.check([("app.log", text)], ruleSet: set)
        #expect(result.incidents.count == LogChecker.incidentLimit)
        #expect(result.omittedIncidents.values.reduce(0, +) == count + 1 - LogChecker.incidentLimit)
        #expect(result.omittedIncidents["kernel"] == 1, "the old kernel fault is the one the limit drops first")
        let pids = Set(result.incidents.compactMap(\.pid))
        #expect(pids.contains(Int32(1000 + count - 1)), "the newest incident is kept")
        #expect(!pids.contains(1000), "the oldest abort is dropped")
        #expect(result.verdict.side == .userspace)
    }

    @Test func emptyAndBinaryInputsAreNamed() throws {
        let set = try ShippedRules.load()
        let binary = "LPKSHHRH\u{0}\u{0}\u{0}\u{1}\u{0}journal file bytes\n"
        let result = ShippedRules.check(
            [("empty.log", ""), ("system.journal", binary), ("app.log", Self.abort(pid: 1, minute: 0))],
            ruleSet: set
        )
        #expect(result.inputs.map(\.content) == [.empty, .binary, .text])
    }

    @Test func anExportStreamIsText() throws {
        let set = try ShippedRules.load()
        var export = "__CURSOR=s=1\n__REALTIME_TIMESTAMP=1764943380000000\nMESSAGE\n"
        export += String(decoding: [5, 0, 0, 0, 0, 0, 0, 0], as: UTF8.self) + "hello\n\n"
        let result = ShippedRules.check([("export", export)], ruleSet: set)
        #expect(result.inputs.map(\.content) == [.text])
    }
}
