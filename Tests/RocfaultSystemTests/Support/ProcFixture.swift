import RocfaultTestKit
/// A fake procfs tree for cases a real process cannot show on demand (ROCm libraries mapped,
/// `/dev/kfd` open, pid reuse, half-written entries).
struct ProcFixture {
    let tree = TemporaryTree()
    var root: String { tree.root }

    struct Process {
        var pid: Int32
        var comm = "ollama"
        var state = "S"
        var parent: Int32 = 1
        var startTime: UInt64 = 123_456
        var cmdline = ["/usr/bin/ollama", "serve"]
        var environment = ["PATH=/usr/bin", "HSA_OVERRIDE_GFX_VERSION=11.5.1", "OLLAMA_API_KEY=sk-123"]
        var fds: [String] = ["/dev/null", "/dev/kfd", "/dev/dri/renderD128", "socket:[1234]"]
        var maps: [String] = []
        var cgroup = "0::/system.slice/ollama.service\n"
        var exe = "/usr/bin/ollama"
    }

    static func statLine(_ process: Process) -> String {
        let tail = (0..<30).map { String($0 + 5) }
        var fields = [process.state, String(process.parent)] + Array(tail.prefix(17))
        fields.append(String(process.startTime))
        fields += tail.suffix(10)
        return "\(process.pid) (\(process.comm)) " + fields.joined(separator: " ") + "\n"
    }

    func add(_ process: Process) {
        let base = "\(process.pid)"
        tree.file("\(base)/stat", Self.statLine(process))
        tree.file("\(base)/cmdline", bytes: process.cmdline.flatMap { Array($0.utf8) + [0] })
        tree.file("\(base)/environ", bytes: process.environment.flatMap { Array($0.utf8) + [0] })
        tree.file("\(base)/cgroup", process.cgroup)
        tree.file("\(base)/maps", process.maps.joined(separator: "\n") + "\n")
        tree.remove("\(base)/exe")
        tree.link("\(base)/exe", to: process.exe)
        tree.remove("\(base)/fd")
        tree.directory("\(base)/fd")
        for (number, target) in process.fds.enumerated() {
            tree.link("\(base)/fd/\(number)", to: target)
        }
    }

    static func mapsLine(_ path: String) -> String {
        "7f1c2a000000-7f1c2a100000 r-xp 00000000 103:02 1234567                   \(path)"
    }
}
