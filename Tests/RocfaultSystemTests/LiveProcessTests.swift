import Foundation
import Glibc
import RocfaultTestKit
import Testing

@testable import RocfaultSystem
import RocfaultPlatform

@Suite("GPU process discovery on real child processes")
struct LiveProcessTests {
    /// A shared library this test process really maps (libudev, which RocfaultSystem links).
    static func mappedLibrary() throws -> String {
        let maps = try #require(FileIO.text("/proc/self/maps"))
        let line = try #require(maps.split(separator: "\n").first { $0.contains("libudev.so") })
        return String(line[line.firstIndex(of: "/")!...])
    }

    @Test("A child holding the 'GPU node' open is found with its cmdline, env allow-list, libraries and PASID")
    func findsChild() throws {
        let tree = TemporaryTree()
        let node = tree.file("kfd", "")
        let library = tree.path("libamdhip64.so.6.4.60401")
        try FileManager.default.copyItem(atPath: try Self.mappedLibrary(), toPath: library)
        let environment = [
            "HSA_OVERRIDE_GFX_VERSION=11.0.0", "HF_TOKEN=secret", "ROCM_PATH=/opt/rocm", "LD_PRELOAD=\(library)",
        ]
        let child = ChildProcess("/bin/sh", ["-c", "exec 3<\(node); exec /bin/sleep 30"], environment: environment)
        #expect(eventually { FileIO.trimmed("/proc/\(child.pid)/comm") == "sleep" })
        let sysfs = SysfsFixture()
        sysfs.addKFDProcess(pid: child.pid, pasid: 32_781)

        let scanner = GPUProcessScanner(sysfsRoot: sysfs.root, matcher: DeviceMatcher(exactPaths: [node]))
        let scan = scanner.scan()
        let found = try #require(scan.processes.first { $0.pid == child.pid })
        #expect(found.comm == "sleep")
        #expect(found.cmdline == ["/bin/sleep", "30"])
        #expect(found.exe == FileIO.resolve("/bin/sleep"))
        #expect(found.environment == ["HSA_OVERRIDE_GFX_VERSION": "11.0.0", "ROCM_PATH": "/opt/rocm"])
        #expect(found.environment["HF_TOKEN"] == nil)
        #expect(found.devices == [node])
        #expect(found.startTime == ProcStat(path: "/proc/\(child.pid)/stat")?.startTime)
        #expect(found.parentPID == getpid())
        #expect(found.cgroup == FileIO.text("/proc/\(child.pid)/cgroup").flatMap(CgroupPath.parse))
        #expect(found.libraries == [RuntimeLibrary(name: "libamdhip64", version: "6.4.60401", path: library)])
        #expect(found.pasids == [32_781])
        #expect(scanner.pid(forPasid: 32_781) == child.pid)
        #expect(!scan.processes.contains { $0.pid == getpid() })

        child.signal(SIGKILL)
        child.waitForExit()
        sysfs.tree.remove("class/kfd/kfd/proc/\(child.pid)")
        let after = scanner.scan()
        #expect(after.disappeared.map(\.pid) == [child.pid])
        #expect(scanner.pid(forPasid: 32_781) == child.pid)
    }

    @Test("A launcher that opened the GPU node and then exec'd the real program is named as that program")
    func execAfterOpeningTheNodeRenamesTheProcess() throws {
        let tree = TemporaryTree()
        let node = tree.file("kfd", "")
        let gate = tree.path("gate")
        #expect(mkfifo(gate, 0o600) == 0)
        // The shell holds the node open (no close-on-exec), waits at the gate, then becomes sleep.
        let child = ChildProcess("/bin/sh", ["-c", "exec 3<\(node); read go < \(gate); exec /bin/sleep 30"])
        let scanner = GPUProcessScanner(sysfsRoot: SysfsFixture().root, matcher: DeviceMatcher(exactPaths: [node]))
        #expect(eventually { scanner.scan().processes.contains { $0.pid == child.pid } })
        let before = try #require(scanner.process(pid: child.pid))
        #expect(before.comm == "sh")
        #expect(before.cmdline.first == "/bin/sh")

        let writer = open(gate, O_WRONLY)
        #expect(writer >= 0)
        #expect(write(writer, "go\n", 3) == 3)
        close(writer)
        #expect(eventually { FileIO.trimmed("/proc/\(child.pid)/comm") == "sleep" })
        let scan = scanner.scan()
        let after = try #require(scan.processes.first { $0.pid == child.pid })
        #expect(after.comm == "sleep")
        #expect(after.cmdline == ["/bin/sleep", "30"])
        #expect(after.exe == FileIO.resolve("/bin/sleep"))
        #expect(after.startTime == before.startTime)
        #expect(after.firstSeen == before.firstSeen)
        #expect(after.devices == [node])
        #expect(!scan.appeared.contains { $0.pid == child.pid }, "an exec is not a new process")
        #expect(scan.reexecuted.map(\.pid) == [child.pid])
        #expect(scanner.scan().reexecuted.isEmpty, "reported once")
        child.signal(SIGKILL)
        child.waitForExit()
    }

    @Test("Scanning while processes start and exit by the hundred never crashes")
    func churn() async throws {
        let churn = ChildProcess("/bin/sh", ["-c", "for i in $(seq 300); do /bin/true & done; wait"])
        let everything = DeviceMatcher(exactPaths: [], prefixes: ["/"])
        let scanner = GPUProcessScanner(matcher: everything, mapsRefreshInterval: 1)
        for _ in 0..<15 {
            let scan = scanner.scan()
            #expect(scan.processes.allSatisfy { $0.pid > 0 && !$0.comm.isEmpty })
            #expect(scan.processes.map(\.pid) == scan.processes.map(\.pid).sorted())
        }
        churn.waitForExit()
    }
}
