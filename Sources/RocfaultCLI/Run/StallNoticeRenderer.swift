import RocfaultCore

/// The notice `rocfault run --stall-after` prints on stderr while a silent job keeps running.
struct StallNoticeRenderer {
    let style: Style

    func render(_ notice: StallNotice, lastLine: String?, knownIssues: [KnownIssueMatch]) -> String {
        var text = "\n" + style.bold(notice.headline) + "\n"
        for report in notice.threads.prefix(8) {
            text += "  thread \(report.thread.tid) (\(report.thread.name)): " + describe(report) + "\n"
        }
        if notice.threads.count > 8 { text += "  ... and \(notice.threads.count - 8) more threads\n" }
        text += "  Last output: " + (lastLine.map { "\"\(Self.clip($0))\"" } ?? "none") + "\n"
        for issue in knownIssues {
            text += "  Known issue: \(issue.title)" + (issue.url.map { " (\($0))" } ?? "") + "\n"
            text += "  Advice: \(issue.advice)\n"
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
        return parts.joined(separator: ", ")
    }

    private static func clip(_ line: String) -> String {
        line.count > 160 ? String(line.prefix(157)) + "..." : line
    }
}
