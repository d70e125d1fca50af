import Glibc
import Testing

@testable import RocfaultSystem
import RocfaultPlatform
import RocfaultTestKit

@Suite("Parsing of process details")
struct ProcessPartsTests {
    @Test("The environment allow-list keeps runtime variables and drops every secret")
    func environmentFilter() {
        let entries = [
            "HSA_OVERRIDE_GFX_VERSION=11.0.0", "HF_TOKEN=secret", "ROCM_PATH=/opt/rocm", "OLLAMA_API_KEY=k",
            "OLLAMA_HOST=0.0.0.0", "HIP_VISIBLE_DEVICES=0", "CUDA_VISIBLE_DEVICES=1", "HF_HUB_OFFLINE=1",
            "HF_HOME=/x", "PATH=/usr/bin", "AMD_SECRET_SAUCE=x", "GPU_MAX_HW_QUEUES=2", "TORCH_auth_header=x",
            "PYTORCH_HIP_ALLOC_CONF=expandable_segments:True", "MIOPEN_USER_DB_PATH=/tmp", "GGML_PASSWD=x",
            "LLAMA_ARG_CTX=4096", "ROCR_VISIBLE_DEVICES=GPU-1", "HCC_AMDGPU_TARGET=gfx1151", "AMD_LOG_LEVEL=4",
            "HSA_COOKIE_JAR=x", "ROCM_CREDENTIALS=x", "HIP_PASSWORD=x", "NOEQUALS", "=empty", "HSA_EMPTY=",
        ]
        let kept = EnvironmentFilter.standard.filter(entries)
        #expect(
            kept == [
                "HSA_OVERRIDE_GFX_VERSION": "11.0.0", "ROCM_PATH": "/opt/rocm", "OLLAMA_HOST": "0.0.0.0",
                "HIP_VISIBLE_DEVICES": "0", "CUDA_VISIBLE_DEVICES": "1", "HF_HUB_OFFLINE": "1",
                "GPU_MAX_HW_QUEUES": "2", "PYTORCH_HIP_ALLOC_CONF": "expandable_segments:True",
                "MIOPEN_USER_DB_PATH": "/tmp", "LLAMA_ARG_CTX": "4096", "ROCR_VISIBLE_DEVICES": "GPU-1",
                "HCC_AMDGPU_TARGET": "gfx1151", "AMD_LOG_LEVEL": "4", "HSA_EMPTY": "",
            ]
        )
        for name in kept.keys {
            for marker in EnvironmentFilter.standard.secretMarkers {
                #expect(!name.uppercased().contains(marker))
            }
        }
    }

    @Test("stat lines parse even with spaces and parentheses in the command name")
    func statParsing() throws {
        let tail = (0..<40).map(String.init).joined(separator: " ")
        let tricky = try #require(ProcStat(parsing: "812 (a) b) S (c) D 1 \(tail)"))
        #expect(tricky.pid == 812)
        #expect(tricky.comm == "a) b) S (c")
        #expect(tricky.state == "D")
        #expect(tricky.parentPID == 1)
        #expect(tricky.startTime == 17)  // field 22 is the 20th after the name: tail[17]
        for bad in ["", "812", "812 (x)", "x (y) S 1 2", "812 (x) SS 1 \(tail)", "812 (x) S one \(tail)"] {
            #expect(ProcStat(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("The real /proc/self/stat parses to this process, and this thread is running")
    func realStat() throws {
        let stat = try #require(ProcStat(path: "/proc/self/stat"))
        #expect(stat.pid == getpid())
        #expect(stat.parentPID == getppid())
        #expect("RSDTtIXZ".contains(stat.state))
        #expect(stat.comm == FileIO.trimmed("/proc/self/comm"))
        let thread = try #require(ProcStat(path: "/proc/thread-self/stat"))
        #expect(thread.state == "R")
        #expect(thread.startTime >= stat.startTime)
    }

    @Test("A new child's start time is the uptime at which it was spawned")
    func startTimeIsUptime() throws {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let uptime = try #require(FileIO.trimmed("/proc/uptime")?.split(separator: " ").first.flatMap { Double($0) })
        let child = ChildProcess("/bin/sleep", ["5"])
        let stat = try #require(ProcStat(path: "/proc/\(child.pid)/stat"))
        #expect(abs(Double(stat.startTime) / ticks - uptime) < 1.0)
        #expect(stat.parentPID == getpid())
    }

    @Test("Runtime libraries are recognised by stem and versioned from the file name")
    func libraries() {
        #expect(RuntimeLibrary(path: "/opt/rocm/lib/libMIOpen.so.1.0.60400")?.version == "1.0.60400")
        #expect(RuntimeLibrary(path: "/usr/lib/libamdhip64.so")?.version == nil)
        #expect(RuntimeLibrary(path: "/usr/lib/libamdhip64.so")?.name == "libamdhip64")
        #expect(RuntimeLibrary(path: "/usr/lib/libamdhip64_fake.so.6") == nil)
        #expect(RuntimeLibrary(path: "/usr/lib/libamdhip64.sock") == nil)
        #expect(RuntimeLibrary(path: "/usr/lib/libc.so.6") == nil)
        #expect(RuntimeLibrary(path: "") == nil)
    }

    @Test("Cgroup paths and units come from the unified or the systemd hierarchy")
    func cgroups() {
        let unified = "0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-ollama-12.scope\n"
        #expect(
            CgroupPath.parse(unified) == "/user.slice/user-1000.slice/user@1000.service/app.slice/app-ollama-12.scope"
        )
        #expect(CgroupPath.unit(of: CgroupPath.parse(unified)!) == "app-ollama-12.scope")
        let legacy = "12:cpu,cpuacct:/docker/abc\n1:name=systemd:/system.slice/docker.service\n"
        #expect(CgroupPath.parse(legacy) == "/system.slice/docker.service")
        #expect(CgroupPath.unit(of: "/") == nil)
        #expect(CgroupPath.parse("junk") == nil)
    }

    @Test("The device matcher takes exact paths and prefixes")
    func matcher() {
        #expect(DeviceMatcher.standard.matches("/dev/kfd"))
        #expect(DeviceMatcher.standard.matches("/dev/dri/renderD130"))
        #expect(!DeviceMatcher.standard.matches("/dev/dri/card0"))
        #expect(DeviceMatcher.includingCards.matches("/dev/dri/card0"))
        #expect(!DeviceMatcher.standard.matches("/dev/kfd2"))
    }
}
