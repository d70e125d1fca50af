/// The decision of `rocfault npd`, node-problem-detector's custom plugin protocol: a status (exit 0
/// OK, 1 problem, 3 unknown) and one short line for the node condition's message.
package struct NodeProblemCheck: Sendable, Hashable {
    /// The node conditions rocfault reports.
    package enum Condition: String, Sendable, Hashable, CaseIterable {
        /// A GPU failure (kernel-side or userspace) was first seen within the window.
        case failed
        /// A GPU process hangs now (an open `hang` incident).
        case stalled
    }

    /// NPD's plugin status, as the exit status of the plugin.
    package enum Status: Int32, Sendable, Hashable {
        case ok = 0
        case problem = 1
        case unknown = 3
    }

    /// NPD cuts a plugin's output at `max_output_length`, 80 bytes unless configured.
    package static let messageLimit = 80

    /// The status.
    package var status: Status
    /// The message, at most ``messageLimit`` bytes, printable ASCII.
    package var message: String

    /// Creates a result; the message is made printable ASCII and cut to ``messageLimit`` bytes.
    package init(status: Status, message: String) {
        self.status = status
        let ascii = message.unicodeScalars.map {
            $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?"
        }
        self.message = String(ascii.prefix(Self.messageLimit))
    }

    /// The answer for `condition` from `incidents` (any order): for `failed`, those first seen
    /// within `windowSeconds` before `now` (µs since the epoch) on the kernel or userspace side;
    /// for `stalled`, the hang incidents still open.
    package static func evaluate(
        _ condition: Condition,
        incidents: [(number: Int64, incident: Incident)],
        now: Int64,
        windowSeconds: Int64
    ) -> NodeProblemCheck {
        switch condition {
        case .failed:
            let since = now - windowSeconds * 1_000_000
            let failed = incidents.filter {
                [.kernel, .userspace].contains($0.incident.verdict.side)
                    && ($0.incident.firstSeen.realtimeMicroseconds ?? .min) >= since
            }
            let window = durationText(seconds: windowSeconds)
            guard let latest = failed.max(by: { $0.number < $1.number }) else {
                return NodeProblemCheck(status: .ok, message: "no GPU failure in the last \(window)")
            }
            let verdict = latest.incident.verdict
            let count = failed.count == 1 ? "GPU failure" : "\(failed.count) GPU failures"
            return NodeProblemCheck(
                status: .problem,
                message: "\(count) in \(window): #\(latest.number) \(verdict.side.rawValue) "
                    + "\(verdict.failureClass.rawValue)\(processText(latest.incident))"
            )
        case .stalled:
            let stalled = incidents.filter { $0.incident.verdict.side == .hang && !$0.incident.isFinal }
            guard let latest = stalled.max(by: { $0.number < $1.number }) else {
                return NodeProblemCheck(status: .ok, message: "no GPU process stalled")
            }
            let count = stalled.count == 1 ? "GPU process stalled" : "\(stalled.count) GPU processes stalled"
            return NodeProblemCheck(
                status: .problem,
                message: "\(count): #\(latest.number)\(processText(latest.incident))"
            )
        }
    }

    private static func processText(_ incident: Incident) -> String {
        let comm = incident.comm.map { " in " + String($0.prefix(16)) } ?? ""
        return comm + (incident.pid.map { " (pid \($0))" } ?? "")
    }

    /// `90` → `90s`, `600` → `10m`, `7200` → `2h`, `86400` → `1d`.
    package static func durationText(seconds: Int64) -> String {
        if seconds >= 86_400, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds >= 3_600, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds >= 60, seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    /// Parses `30s`, `10m`, `2h`, `1d` (or a bare number of seconds); nil when malformed or not positive.
    package static func parseDuration(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var digits = Substring(text)
        var unit: Int64 = 1
        if let last = text.last, let scale = units[last] {
            unit = scale
            digits = text.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int64(digits), value > 0,
            value <= Int64.max / 1_000_000 / unit
        else { return nil }
        return value * unit
    }
}
