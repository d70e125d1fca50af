import Foundation
import Glibc
import RocfaultCore
import RocfaultTestKit
import Testing

@testable import RocfaultSystem

@Suite("GPU process discovery over a procfs tree")
struct GPUProcessScannerTests {
    @Test("Finds a process by its open /dev/kfd and render node, with first-sight details")
    func findsByOpenFiles() throws {
        let proc = ProcFixture()
        let sysfs = TemporaryTree()
        var ollama = ProcFixture.Process(pid: 4242)
        ollama.maps = [
            ProcFixture.mapsLine("/opt/rocm-6.4.1/lib/libamdhip64.so.6.4.60401"),
            ProcFixture.mapsLine("/opt/rocm-6.4.1/lib/libamdhip64.so.6.4.60401"),
            ProcFixture.mapsLine("/opt/rocm-6.4.1/lib/libhsa-runtime64.so.1.15.60401 (deleted)"),
            ProcFixture.mapsLine("/usr/lib/x86_64-linux-gnu/libvulkan_radeon.so"),
            ProcFixture.mapsLine("/usr/lib/x86_64-linux-gnu/libc.so.6"),
            "7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0                          [stack]",
        ]
        proc.add(ollama)
        proc.add(ProcFixture.Process(pid: 77, comm: "bash", fds: ["/dev/pts/0", "/dev/null"]))
        let scan = GPUProcessScanner(procRoot: proc.root, sysfsRoot: sysfs.root).scan()
        #expect(scan.processes.map(\.pid) == [ollama.pid])
        #expect(scan.appeared.map(\.pid) == [ollama.pid])
        #expect(scan.appeared == scan.processes, "a new process is reported with its devices and PASIDs")
        let found = try #require(scan.processes.first)
        #expect(found.comm == ollama.comm)
        #expect(found.startTime == ollama.startTime)
        #expect(found.parentPID == ollama.parent)
        #expect(found.cmdline == ollama.cmdline)
        #expect(found.exe == ollama.exe)
        #expect(found.cgroup == "/system.slice/ollama.service")
        #expect(found.unit == "ollama.service")
        #expect(found.devices == ["/dev/dri/renderD128", "/dev/kfd"])
        #expect(found.environment == ["HSA_OVERRIDE_GFX_VERSION": "11.5.1"])
        #expect(found.libraries.map(\.name) == ["libamdhip64", "libhsa-runtime64", "libvulkan_radeon"])
        #expect(found.libraryVersion("libamdhip64") == "6.4.60401")
        #expect(found.libraryVersion("libhsa-runtime64") == "1.15.60401")
        #expect(found.libraries.last?.version == nil)
        #expect(!found.inKFD)
        #expect(found.firstSeen.realtimeMicroseconds != nil)
    }

    @Test("KFD's process list alone makes a GPU process, and maps PASIDs to pids")
    func kfdProcessList() throws {
        let proc = ProcFixture()
        let sysfs = TemporaryTree()
        proc.add(ProcFixture.Process(pid: 900, comm: "python3", fds: []))
        sysfs.file("class/kfd/kfd/proc/900/pasid", "32771\n")
        sysfs.file("class/kfd/kfd/proc/901/pasid", "32772\n")  // listed, but gone from /proc
        let scanner = GPUProcessScanner(procRoot: proc.root, sysfsRoot: sysfs.root)
        let scan = scanner.scan()
        #expect(scan.processes.map(\.pid) == [900])
        #expect(scan.processes.first?.inKFD == true)
        #expect(scan.processes.first?.pasids == [32771])
        #expect(scanner.pid(forPasid: 32771) == 900)
        #expect(scanner.pid(forPasid: 32772) == nil)
    }

    @Test("Per-GPU PASID files (sysfs and debugfs) are read and a zero legacy PASID is ignored")
    func perGPUPasids() {
        let sysfs = TemporaryTree()
        sysfs.file("class/kfd/kfd/proc/5/pasid", "0\n")
        sysfs.file("class/kfd/kfd/proc/5/pasid_43690", "32790\n")
        sysfs.file("class/kfd/kfd/proc/5/vram_43690", "1048576\n")
        sysfs.file("kernel/debug/kfd/proc/5/pasid_12345", "32791\n")
        sysfs.file("class/kfd/kfd/proc/6/pasid", "garbage\n")
        sysfs.directory("class/kfd/kfd/proc/notapid")
        let entries = KFDProcessList(sysfsRoot: sysfs.root).entries()
        #expect(entries == [5: [32790, 32791], 6: []])
    }

    @Test("Pid reuse is seen through the start time; PASID owners keep their history")
    func pidReuse() throws {
        let proc = ProcFixture()
        let sysfs = TemporaryTree()
        var first = ProcFixture.Process(pid: 300)
        proc.add(first)
        sysfs.file("class/kfd/kfd/proc/300/pasid", "32770\n")
        let scanner = GPUProcessScanner(procRoot: proc.root, sysfsRoot: sysfs.root)
        #expect(scanner.scan().appeared.map(\.startTime) == [first.startTime])
        #expect(scanner.scan().appeared.isEmpty)

        first.startTime += 1000
        first.comm = "llama-server"
        proc.add(first)
        let reused = scanner.scan()
        #expect(reused.appeared.map(\.comm) == ["llama-server"])
        #expect(reused.disappeared.map(\.comm) == ["ollama"])
        #expect(scanner.process(pid: 300)?.comm == "llama-server")
        let owners = scanner.owners(ofPasid: 32770)
        #expect(owners.map(\.comm) == ["ollama", "llama-server"])
        #expect(owners.map(\.startTime) == [first.startTime - 1000, first.startTime])

        proc.tree.remove("300")
        sysfs.remove("class/kfd/kfd/proc/300")
        let gone = scanner.scan()
        #expect(gone.processes.isEmpty)
        #expect(gone.disappeared.map(\.comm) == ["llama-server"])
        #expect(scanner.process(pid: 300)?.comm == "llama-server")
        #expect(scanner.pid(forPasid: 32770) == 300)
    }

    @Test("Devices accumulate and libraries refresh on the maps interval")
    func accumulates() throws {
        let proc = ProcFixture()
        var process = ProcFixture.Process(pid: 10, fds: ["/dev/dri/renderD128"])
        proc.add(process)
        let scanner = GPUProcessScanner(procRoot: proc.root, sysfsRoot: proc.root + "/none", mapsRefreshInterval: 3)
        scanner.scan()
        process.fds = ["/dev/kfd"]
        process.maps = [ProcFixture.mapsLine("/opt/rocm/lib/librocblas.so.4.4.60401")]
        process.environment = ["HIP_VISIBLE_DEVICES=1"]
        proc.add(process)
        let second = try #require(scanner.scan().processes.first)
        #expect(second.devices == ["/dev/dri/renderD128", "/dev/kfd"])
        #expect(second.libraries.isEmpty)
        #expect(second.environment == ["HSA_OVERRIDE_GFX_VERSION": "11.5.1"])
        let third = try #require(scanner.scan().processes.first)
        #expect(third.libraries.map(\.name) == ["librocblas"])
    }

    @Test("Garbled, half-written and vanished entries are skipped without a crash")
    func badEntries() {
        let proc = ProcFixture()
        proc.add(ProcFixture.Process(pid: 20))
        proc.tree.file("21/stat", "21 (broken")
        proc.tree.link("21/fd/3", to: "/dev/kfd")
        proc.tree.link("22/fd/3", to: "/dev/kfd")  // no stat: exited between listing and reading
        proc.tree.file("23/stat", bytes: [0xff, 0x00, 0xfe])
        proc.tree.link("23/fd/0", to: "/dev/kfd")
        proc.tree.file("24", "a file where a directory belongs")
        proc.tree.directory("self")
        var noDetails = ProcFixture.Process(pid: 25)
        noDetails.cgroup = "garbage"
        proc.add(noDetails)
        ["25/cmdline", "25/environ", "25/maps", "25/exe"].forEach(proc.tree.remove)
        let scan = GPUProcessScanner(procRoot: proc.root, sysfsRoot: proc.root).scan()
        #expect(scan.processes.map(\.pid) == [20, 25])
        let bare = scan.processes.last
        #expect(bare?.cmdline == [])
        #expect(bare?.exe == nil)
        #expect(bare?.cgroup == nil)
        #expect(bare?.environment == [:])
        #expect(GPUProcessScanner(procRoot: proc.root + "/missing").scan().processes.isEmpty)
    }
}
