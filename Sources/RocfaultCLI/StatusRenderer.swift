import Foundation
import RocfaultCore

/// The human output of `rocfault status`.
struct StatusRenderer {
    let style: Style
    /// Show each source's stored cursor too.
    var verbose = false

    func render(_ status: StoreStatus, daemon: DaemonStatus, rules: RuleSetStatus) -> String {
        let summary = daemon.summary.terminalSafe
        let healthy = daemon.isRunning && daemon.health == DaemonPresence.Health.healthy.rawValue
        var text = style.bold("rocfaultd") + " " + (healthy ? style.green(summary) : style.yellow(summary)) + "\n\n"
        text += style.bold("Database") + "  \(status.database.terminalSafe)\n"
        text += "  size \(ByteCount.text(status.sizeBytes))"
        if status.snapshot { text += style.yellow(" (read as a snapshot: rocfaultd is not running)") }
        text += ", \(status.incidents) incident\(status.incidents == 1 ? "" : "s")"
        if let newest = status.newestIncident { text += ", newest \(newest)" }
        if let verdict = status.newestIncidentVerdict { text += " (\(verdict))" }
        if let kernelLog = status.kernelLog {
            text += "\n  kernel log read in boot \(String(kernelLog.bootID.prefix(12)).terminalSafe): "
            text += kernelLog.read.joined(separator: ", ").terminalSafe
            if !kernelLog.lost.isEmpty {
                text += style.yellow("; lost: " + kernelLog.lost.joined(separator: ", ").terminalSafe)
            }
        }
        text += "\n"
        if let recovery = status.recovery {
            text +=
                "  " + style.yellow("store: recovered from a corrupt database on \(recovery.date)")
                + "; the old file is kept at \(recovery.keptPath.terminalSafe)\n"
        }
        text += "\n" + style.bold("Sources") + "\n"
        if status.sources.isEmpty { text += "  none yet: rocfaultd has not recorded a read position\n" }
        for source in status.sources where verbose || !StoreStatus.bookkeeping.contains(source.name) {
            text += render(source)
        }
        text += "\n" + style.bold("Rules") + "\n"
        if let directory = rules.directory, let count = rules.rules, let issues = rules.knownIssues {
            text += "  \(count) rules, \(issues) known issues in \(directory.terminalSafe)\n"
        } else {
            text += "  " + style.yellow("not loaded: \((rules.error ?? "unknown error").terminalSafe)") + "\n"
        }
        for limit in status.matchLimitHits {
            text +=
                "  " + style.yellow("\(limit.rule.terminalSafe): hit the match limit on \(limit.hits) lines")
                + " (last \(limit.lastHit)); those lines counted as no match\n"
        }
        return text
    }

    private func render(_ source: StoreStatus.Source) -> String {
        let name = source.name.terminalSafe + (source.includesKernelLog == true ? " (kernel log)" : "")
        let progress = source.progress.terminalSafe
        var text = "  " + style.bold(name) + "  " + (source.lagging ? style.yellow(progress) : progress) + "\n"
        if source.gaps > 0 {
            let gaps = "\(source.gaps) lost while reading, latest: \((source.latestGap ?? "?").terminalSafe)"
            text += "    gaps      " + style.yellow(gaps) + "\n"
        }
        if verbose {
            if let from = source.coveredFrom, let to = source.coveredTo {
                text +=
                    "    read      \(from) to \(to) (\(source.intervals) interval\(source.intervals == 1 ? "" : "s"))\n"
            }
            if let position = source.position {
                text +=
                    "    position  \(position.terminalSafe)" + (source.positionUpdated.map { ", written \($0)" } ?? "")
                    + "\n"
            }
        }
        return text
    }
}

/// `1.2 MiB`.
enum ByteCount {
    static func text(_ bytes: Int64) -> String {
        let value = Double(bytes)
        if value < 1024 { return "\(bytes) B" }
        if value < 1_048_576 { return String(format: "%.1f KiB", value / 1024) }
        if value < 1_073_741_824 { return String(format: "%.1f MiB", value / 1_048_576) }
        return String(format: "%.1f GiB", value / 1_073_741_824)
    }
}
