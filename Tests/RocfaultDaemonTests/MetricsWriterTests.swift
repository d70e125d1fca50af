import Foundation
import RocfaultCore
import RocfaultStore
import Testing

@testable import RocfaultDaemon

/// When the metrics file is written (a pure state machine with a hand-driven clock), what it holds,
/// and how it is replaced.
struct MetricsWriterTests {
    typealias Machine = MetricsWriter.StateMachine
    static let second: Int64 = 1_000_000

    @Test func theFirstChangeWritesAtOnceAndLaterOnesWithinTheIntervalJoinOneFlush() {
        var machine = Machine(minimumInterval: .seconds(5))
        #expect(machine.start(now: 0) == [.write])
        #expect(machine.written(now: 0) == [])
        #expect(machine.changed(now: 1 * Self.second) == [.scheduleFlush(after: .seconds(4))])
        #expect(machine.changed(now: 2 * Self.second) == [])
        #expect(machine.changed(now: 4 * Self.second) == [])
        #expect(machine.flushDue(now: 5 * Self.second) == [.write])
        #expect(machine.written(now: 5 * Self.second) == [])
        #expect(machine.changed(now: 11 * Self.second) == [.write])
    }

    @Test func withoutAChangeNothingIsWrittenOrScheduled() {
        var machine = Machine(minimumInterval: .seconds(5))
        _ = machine.start(now: 0)
        _ = machine.written(now: 0)
        // An idle daemon: no change, so no timer and no write, however long it waits.
        #expect(machine.flushScheduled == false)
        #expect(machine.stop(now: 3_600 * Self.second) == [])
    }

    @Test func aFlushWithNothingNewWritesNothing() {
        var machine = Machine(minimumInterval: .seconds(5))
        _ = machine.start(now: 0)
        _ = machine.written(now: 0)
        #expect(machine.changed(now: Self.second) == [.scheduleFlush(after: .seconds(4))])
        // The stop wrote the change; the flush that was armed finds nothing to write.
        #expect(machine.stop(now: 2 * Self.second) == [.write])
        _ = machine.written(now: 2 * Self.second)
        #expect(machine.flushDue(now: 5 * Self.second) == [])
    }

    @Test func aFailureIsReportedOnceAndTheNextChangeRetriesWithoutATimer() {
        var machine = Machine(minimumInterval: .seconds(5))
        _ = machine.start(now: 0)
        #expect(machine.writeFailed(now: 0) == [.reportFailure])
        #expect(machine.changed(now: 6 * Self.second) == [.write])
        #expect(machine.writeFailed(now: 6 * Self.second) == [])
        #expect(machine.changed(now: 12 * Self.second) == [.write])
        #expect(machine.written(now: 12 * Self.second) == [.reportRecovery])
        #expect(machine.changed(now: 20 * Self.second) == [.write])
        #expect(machine.written(now: 20 * Self.second) == [])
    }

    @Test func stoppingWritesOnlyWhatChanged() {
        var machine = Machine(minimumInterval: .seconds(5))
        _ = machine.start(now: 0)
        _ = machine.written(now: 0)
        #expect(machine.changed(now: Self.second) == [.scheduleFlush(after: .seconds(4))])
        #expect(machine.stop(now: 2 * Self.second) == [.write])
    }

    static func sample() -> DaemonMetrics {
        var metrics = DaemonMetrics()
        metrics.incidents = [
            IncidentTotal(side: "kernel", failureClass: "page-fault", knownIssue: nil, isFinal: true, count: 3),
            IncidentTotal(
                side: "userspace",
                failureClass: "memory-in-use",
                knownIssue: "ROCm/ROCm#6182",
                isFinal: true,
                count: 2
            ),
            IncidentTotal(side: "hang", failureClass: "stall", knownIssue: nil, isFinal: false, count: 1),
        ]
        metrics.gpuProcesses = 4
        metrics.stalledProcesses = 1
        metrics.sources = [DaemonMetrics.Source(name: "kmsg", coveredUntil: 1_760_000_000_500_000, gaps: 2)]
        metrics.kernelLogCoverage = .covered
        metrics.rulesLoaded = 177
        metrics.matchLimitHits = ["amdgpu.page-fault": 5]
        metrics.storeSizeBytes = 4096
        metrics.storeWriteErrors = 1
        metrics.cpuSeconds = 1.5
        metrics.residentBytes = 20_000_000
        return metrics
    }

    @Test func theTextHoldsEveryMetricWithItsTypeAndLabels() {
        let text = Self.sample().prometheusText()
        let lines = Set(text.split(separator: "\n").map(String.init))
        let expected = [
            "# TYPE rocfault_incidents_total counter",
            #"rocfault_incidents_total{side="kernel",class="page-fault",known_issue=""} 3"#,
            #"rocfault_incidents_total{side="userspace",class="memory-in-use",known_issue="ROCm/ROCm#6182"} 2"#,
            #"rocfault_open_incidents{side="hang"} 1.0"#,
            #"rocfault_open_incidents{side="kernel"} 0.0"#,
            "rocfault_gpu_processes 4.0",
            "rocfault_stalled_processes 1.0",
            #"rocfault_source_gaps_total{source="kmsg"} 2"#,
            #"rocfault_source_covered_until_timestamp_seconds{source="kmsg"} 1760000000.5"#,
            #"rocfault_kernel_log_coverage{state="covered"} 1.0"#,
            #"rocfault_kernel_log_coverage{state="gap"} 0.0"#,
            "rocfault_rules_loaded 177.0",
            #"rocfault_rule_match_limit_hits_total{rule="amdgpu.page-fault"} 5"#,
            "rocfault_store_size_bytes 4096.0",
            "rocfault_store_write_errors_total 1",
            "rocfault_process_cpu_seconds_total 1.5",
            "rocfault_process_resident_memory_bytes 20000000.0",
            "# TYPE rocfault_process_resident_memory_bytes gauge",
        ]
        for line in expected { #expect(lines.contains(line), "missing \(line) in:\n\(text)") }
        // The open hang incident is not counted as an incident yet.
        #expect(!text.contains(#"rocfault_incidents_total{side="hang""#))
    }

    @Test func onlyCPUAndMemoryChangingIsNoChange() {
        var other = Self.sample()
        other.cpuSeconds = 99
        other.residentBytes = 1
        #expect(other == Self.sample())
        other.gpuProcesses = 5
        #expect(other != Self.sample())
    }

    @Test func theFileIsReplacedWholeAndNoTemporaryFileStays() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rocfault-metrics-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rocfault.prom").path
        let writer = MetricsWriter(path: path, startTime: 0)
        #expect(try writer.write(Self.sample()))
        var changed = Self.sample()
        changed.gpuProcesses = 9
        #expect(try writer.write(changed))
        #expect(try !writer.write(changed))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("rocfault_gpu_processes 9.0\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["rocfault.prom"])
    }

    @Test func anUnwritableDirectoryIsAClearError() {
        let writer = MetricsWriter(path: "/nonexistent-rocfault-dir/rocfault.prom", startTime: 0)
        #expect {
            try writer.write(Self.sample())
        } throws: { error in
            "\(error)".contains("/nonexistent-rocfault-dir/.rocfault.prom.tmp: No such file or directory")
        }
    }
}
