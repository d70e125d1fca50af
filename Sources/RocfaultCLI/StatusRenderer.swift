import Foundation
import RocfaultCore

/// The human output of `rocfault status`.
struct StatusRenderer {
    let style: Style

    func render(_ status: StoreStatus, rules: RuleSetStatus) -> String {
        var text = style.bold("Database") + "  \(status.database.terminalSafe)\n"
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
        for source in status.sources { text += render(source) }
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
        var text =
            "  " + style.bold(source.name.terminalSafe) + (source.includesKernelLog == true ? " (kernel log)" : "")
            + "\n"
        if let position = source.position {
            text +=
                "    position  \(position.terminalSafe)" + (source.positionUpdated.map { ", written \($0)" } ?? "")
                + "\n"
        }
        if let from = source.coveredFrom, let to = source.coveredTo {
            text += "    read      \(from) to \(to)"
            if let lag = source.lagSeconds { text += lagText(lag) }
            text += " (\(source.intervals) interval\(source.intervals == 1 ? "" : "s"))\n"
        }
        let gaps = source.gaps == 0 ? "none" : "\(source.gaps), latest: \((source.latestGap ?? "?").terminalSafe)"
        text += "    gaps      " + (source.gaps == 0 ? style.green(gaps) : style.yellow(gaps)) + "\n"
        return text
    }

    private func lagText(_ lag: Double) -> String {
        let text = ", \(LocalTime.age(seconds: lag)) ago"
        return lag > 120 ? style.yellow(text) : text
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
