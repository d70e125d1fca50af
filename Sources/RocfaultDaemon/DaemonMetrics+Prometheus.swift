import Prometheus
import RocfaultCore
import RocfaultStore

extension DaemonMetrics {
    /// The states `rocfault_kernel_log_coverage` has a series for (1 for the current one, 0 for the rest).
    static let coverageStates: [KernelLogCoverage] = [.covered, .gap, .notProvided, .unreadable, .unaligned]

    /// The metrics in Prometheus text format (swift-prometheus renders it), for node_exporter's
    /// textfile collector. Names, labels and types: docs/metrics.md.
    func prometheusText() -> String {
        let registry = MetricsRegistry()
        addIncidents(to: registry)
        registry.gauge("gpu_processes", "GPU processes watched.", Double(gpuProcesses))
        registry.gauge("stalled_processes", "GPU processes that hang now.", Double(stalledProcesses))
        for source in sources {
            let labels = [("source", source.name)]
            registry.counter("source_gaps_total", "Coverage gaps recorded for a source.", Int64(source.gaps), labels)
            if let until = source.coveredUntil {
                let help = "Time up to which a source was read and recorded; its lag is time() minus this."
                registry.gauge("source_covered_until_timestamp_seconds", help, Double(until) / 1_000_000, labels)
            }
        }
        for state in Self.coverageStates {
            let help = "1 for the kernel log coverage an incident happening now would get, 0 for the other states."
            registry.gauge("kernel_log_coverage", help, state == kernelLogCoverage ? 1 : 0, [("state", state.rawValue)])
        }
        let lost = "Kernel log records lost while reading, since rocfaultd started."
        registry.counter("kernel_log_records_lost_total", lost, Int64(clamping: kernelLogRecordsLost))
        addHealth(to: registry)
        return registry.registry.emitToString()
    }

    private func addIncidents(to registry: MetricsRegistry) {
        var open: [String: Int] = [:]
        for total in incidents {
            guard total.isFinal else {
                open[total.side, default: 0] += total.count
                continue
            }
            registry.counter(
                "incidents_total",
                "Final incidents in the store, by side, class and first known issue.",
                Int64(total.count),
                [("side", total.side), ("class", total.failureClass), ("known_issue", total.knownIssue ?? "")]
            )
        }
        for side in Side.allCases.map(\.rawValue) {
            let help = "Incidents still open (evidence may still join them), by side."
            registry.gauge("open_incidents", help, Double(open[side] ?? 0), [("side", side)])
        }
    }

    private func addHealth(to registry: MetricsRegistry) {
        registry.gauge("rules_loaded", "Rules in use.", Double(rulesLoaded))
        for (rule, hits) in matchLimitHits.sorted(by: { $0.key < $1.key }) {
            let help = "Lines on which a rule's pattern gave up at the match limit (counted as no match)."
            registry.counter("rule_match_limit_hits_total", help, Int64(hits), [("rule", rule)])
        }
        registry.gauge("store_size_bytes", "Size of the incident database and its WAL.", Double(storeSizeBytes))
        let errors = "Commits to the incident database that failed, since rocfaultd started."
        registry.counter("store_write_errors_total", errors, Int64(storeWriteErrors))
        registry.gauge("start_time_seconds", "When rocfaultd started, since the epoch.", Double(startTime) / 1_000_000)
        let cpu = "rocfaultd's user and system CPU time, as of the file's last write."
        registry.counter("process_cpu_seconds_total", cpu, cpuSeconds)
        let memory = "rocfaultd's resident memory, as of the file's last write."
        registry.gauge("process_resident_memory_bytes", memory, Double(residentBytes))
    }
}

/// A swift-prometheus registry that takes `rocfault_`-prefixed metrics with their value in one call.
private struct MetricsRegistry {
    let registry = PrometheusCollectorRegistry()

    func gauge(_ name: String, _ help: String, _ value: Double, _ labels: [(String, String)] = []) {
        registry.makeGauge(descriptor: Self.descriptor(name, help), labels: labels).set(value)
    }

    func counter(_ name: String, _ help: String, _ value: Double, _ labels: [(String, String)] = []) {
        registry.makeCounter(descriptor: Self.descriptor(name, help), labels: labels).increment(by: value)
    }

    func counter(_ name: String, _ help: String, _ value: Int64, _ labels: [(String, String)] = []) {
        registry.makeCounter(descriptor: Self.descriptor(name, help), labels: labels).increment(by: value)
    }

    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "rocfault", metricName: name, unitName: "", helpText: help)
    }
}
