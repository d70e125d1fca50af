import Foundation
package import RocfaultCore
package import RocfaultStore

/// `process.txt`: what the store knows about the incident's process.
package enum ProcessText {
    /// Renders the process (already redacted by the caller) or says why there is none.
    package static func render(_ process: ProcessRecord?, incident: Incident) -> String {
        guard let process else {
            let who = incident.pid.map { "pid \($0)" + (incident.comm.map { " (\($0))" } ?? "") } ?? "no process"
            return "# process.txt\nrocfault recorded no process details for this incident (\(who)).\n"
                + "rocfaultd records GPU-using processes it sees while they run; `rocfault run` records its child.\n"
        }
        var text = "# process.txt\n"
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            text += name.column(16) + value + "\n"
        }
        field("pid", String(process.key.pid))
        field("command name", process.comm)
        field("executable", process.exe)
        field("command line", process.cmdline.map(quoted).joined(separator: " "))
        field("unit", process.unit)
        field("cgroup", process.cgroup)
        field("GPU nodes", process.gpuNodes.joined(separator: " "))
        field("boot id", process.key.bootID)
        field("first seen", process.firstSeen.realtimeMicroseconds.map(TimeText.utc(microseconds:)))
        field("exited", process.exitTime?.realtimeMicroseconds.map(TimeText.utc(microseconds:)))
        field("exit signal", process.exitSignal.map { "\(SignalName.name($0)) (\($0))" })
        text += section("Environment (allow-listed; secret-named values removed)", process.environment)
        text += section("Runtime libraries", process.libraryVersions)
        if let stack = process.coredumpStack, !stack.isEmpty {
            text += "\nCore dump stack\n" + stack + (stack.hasSuffix("\n") ? "" : "\n")
        } else {
            text += "\nCore dump stack\n(none recorded)\n"
        }
        return text
    }

    private static func section(_ title: String, _ values: [String: String]) -> String {
        var text = "\n" + title + "\n"
        if values.isEmpty { return text + "(none recorded)\n" }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { text += "  \(name)=\(value)\n" }
        return text
    }

    /// Quotes an argument the way a shell would need it.
    static func quoted(_ argument: String) -> String {
        let safe = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        if safe && !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
