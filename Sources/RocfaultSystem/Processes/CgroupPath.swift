/// Reads the cgroup of a process and the systemd unit it belongs to.
enum CgroupPath {
    /// The unified hierarchy path (`0::/…`), else the systemd v1 hierarchy (`name=systemd`).
    static func parse(_ text: String) -> String? {
        var legacy: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[0] == "0" && fields[1].isEmpty { return String(fields[2]) }
            if fields[1] == "name=systemd" { legacy = String(fields[2]) }
        }
        return legacy
    }

    /// The innermost `.service` or `.scope` component: the unit systemd runs the process in.
    static func unit(of path: String) -> String? {
        path.split(separator: "/").last { $0.hasSuffix(".service") || $0.hasSuffix(".scope") }.map(String.init)
    }
}
