import Foundation
import RocfaultTestKit
import Testing

/// `rocfaultd --metrics-file` scraped the way operators do: Debian's node_exporter reads the file
/// with its textfile collector, a real Prometheus scrapes node_exporter every second, and a PromQL
/// query through Prometheus's HTTP API counts the incidents by side.
@Suite(
    .journald,
    .kernelLogExclusive,
    .serialized,
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-node-exporter"),
        "needs Debian's prometheus and prometheus-node-exporter (make deps installs them)"
    )
)
struct MetricsPrometheusTests {
    static let prometheus = "/usr/bin/prometheus"
    static let nodeExporter = "/usr/bin/prometheus-node-exporter"

    @Test func prometheusCountsAKernelFaultAndAUserspaceAbortBySide() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let textfiles = state.appendingPathComponent("textfile")
        try FileManager.default.createDirectory(at: textfiles, withIntermediateDirectories: true)
        let metricsFile = textfiles.appendingPathComponent("rocfault.prom").path
        let (exporter, exporterPort) = try Self.startExporter(reading: textfiles, in: state)
        defer { exporter.stop() }
        let server = try Self.startPrometheus(scraping: exporterPort, in: state)
        defer { server.program.stop() }

        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--quiet-period", "2", "--metrics-file", metricsFile]
        )
        try await daemon.waitUntilCaughtUp()
        // The kernel lines earlier tests left in the ring buffer are incidents too: wait until every
        // incident is final (counted) and Prometheus shows the store's counts, then add two.
        let before = try await Self.finalCountsBySide(daemon)
        let query =
            "http://127.0.0.1:\(server.port)/api/v1/query?query="
            + ("sum by (side) (rocfault_incidents_total)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)
                ?? "")
        let baseline = await BackgroundProgram.fetch(query, timeout: .seconds(60)) { Self.valuesBySide($0) == before }
        #expect(
            baseline != nil,
            "Prometheus never showed \(before): \(exporter.log) \(server.program.log) \(daemon.log)"
        )

        let (kernelPID, abortPID) = try DaemonTests.writeFaultAndAbort(journalTag: "rocfault-metrics")
        _ = try await daemon.waitForIncidents(timeout: .seconds(20)) { found in
            found.contains { $0.pid == kernelPID && $0.isFinal } && found.contains { $0.pid == abortPID && $0.isFinal }
        }
        var expected = before
        expected["kernel"] = String((Int(before["kernel"] ?? "0") ?? 0) + 1)
        expected["userspace"] = String((Int(before["userspace"] ?? "0") ?? 0) + 1)
        let after = try await Self.finalCountsBySide(daemon)
        #expect(after == expected, "\(daemon.log)")
        let answer = await BackgroundProgram.fetch(query, timeout: .seconds(60)) { Self.valuesBySide($0) == expected }
        #expect(
            answer.map(Self.valuesBySide) == expected,
            "answer: \(answer ?? "none")\nfile: \((try? String(contentsOfFile: metricsFile, encoding: .utf8)) ?? "missing")\nexporter: \(exporter.log)\nprometheus: \(server.program.log)\ndaemon: \(daemon.log)"
        )
        let coverage = await BackgroundProgram.fetch(
            "http://127.0.0.1:\(server.port)/api/v1/query?query=rocfault_kernel_log_coverage%7Bstate%3D%22covered%22%7D",
            timeout: .seconds(10)
        ) { $0.contains(#","1"]"#) }
        #expect(coverage != nil, "kernel log coverage not 'covered': \(daemon.log)")
        await daemon.stop()
    }

    /// Once no incident is open: the final incidents by side, as Prometheus's answer gives them.
    static func finalCountsBySide(_ daemon: DaemonProcess) async throws -> [String: String] {
        let found = try await daemon.waitForIncidents(timeout: .seconds(30)) { $0.allSatisfy(\.isFinal) }
        #expect(found.allSatisfy { $0.isFinal }, "incidents stay open: \(daemon.log)")
        return Dictionary(grouping: found, by: \.side).mapValues { String($0.count) }
    }

    /// node_exporter on 127.0.0.1 with only the textfile collector, reading `directory`.
    static func startExporter(reading directory: URL, in state: URL) throws -> (BackgroundProgram, Int) {
        let port = try BackgroundProgram.freePort()
        let exporter = try BackgroundProgram(
            nodeExporter,
            [
                "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=\(directory.path)", "--web.listen-address=127.0.0.1:\(port)",
            ],
            logFile: state.appendingPathComponent("node-exporter.log")
        )
        return (exporter, port)
    }

    /// Prometheus on 127.0.0.1 with its own storage, scraping node_exporter every second.
    static func startPrometheus(
        scraping exporterPort: Int,
        in state: URL
    ) throws -> (program: BackgroundProgram, port: Int) {
        let port = try BackgroundProgram.freePort()
        let config = state.appendingPathComponent("prometheus.yml")
        let yaml = """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ["127.0.0.1:\(exporterPort)"]

            """
        try Data(yaml.utf8).write(to: config)
        let program = try BackgroundProgram(
            prometheus,
            [
                "--config.file=\(config.path)", "--storage.tsdb.path=\(state.appendingPathComponent("tsdb").path)",
                "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
            ],
            logFile: state.appendingPathComponent("prometheus.log")
        )
        return (program, port)
    }

    /// `{"kernel": "1", ...}` from a Prometheus instant-vector answer grouped by side.
    static func valuesBySide(_ json: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let data = object["data"] as? [String: Any], let result = data["result"] as? [[String: Any]]
        else { return [:] }
        var values: [String: String] = [:]
        for series in result {
            guard let side = (series["metric"] as? [String: String])?["side"],
                let value = (series["value"] as? [Any])?.last as? String
            else { continue }
            values[side] = value
        }
        return values
    }
}
