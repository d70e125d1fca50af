import RocfaultCore

/// The notice `rocfault run --stall-after` prints on stderr while a silent job keeps running.
struct StallNoticeRenderer {
    let style: Style

    /// The notice; the job's own text in it (its name, thread names, last line, file names) is
    /// escaped with ``TerminalSafeText``.
    func render(_ notice: StallNotice, lastLine: String?, knownIssues: [KnownIssueMatch]) -> String {
        var text = "\n" + style.bold(notice.headline.terminalSafe) + "\n"
        for report in notice.threads.prefix(8) {
            text += "  thread \(report.thread.tid) (\(report.thread.name.terminalSafe)): " + describe(report) + "\n"
        }
        if notice.threads.count > 8 { text += "  ... and \(notice.threads.count - 8) more threads\n" }
        text += "  Last output: " + (lastLine.map { "\"\(Self.clip($0).terminalSafe)\"" } ?? "none") + "\n"
        for issue in knownIssues {
            text +=
                "  Known issue: \(issue.title.terminalSafe)" + (issue.url.map { " (\($0.terminalSafe))" } ?? "") + "\n"
            text += "  Advice: \(issue.advice.terminalSafe)\n"
        }
        text += "  Capture now, while it hangs: gdb -p \(notice.pid) -batch -ex 'thread apply all bt' > stacks.txt"
        text += " (or eu-stack -p \(notice.pid)); with the ROCm debug agent loaded"
        text += " (HSA_TOOLS_LIB=/opt/rocm/lib/librocm-debug-agent.so.2) `kill -QUIT \(notice.pid)` prints the waves.\n"
        text += "  The job keeps running; interrupt it to record a hang incident with this evidence.\n"
        return text
    }

    private func describe(_ report: ThreadReport) -> String {
        let thread = report.thread
        var parts = ["state \(thread.state)", "\(report.cpuPercent)% CPU"]
        if let channel = thread.waitChannel { parts.append("waits in \(channel)") }
        if let call = thread.syscall {
            parts.append("in \(call)" + (thread.ioctlTarget.map { " on \($0)" } ?? ""))
        }
        return parts.joined(separator: ", ").terminalSafe
    }

    private static func clip(_ line: String) -> String {
        line.count > 160 ? String(line.prefix(157)) + "..." : line
    }
}
