import Foundation
import Testing

@testable import RocfaultSystem

@Suite("Package versions")
struct PackageVersionTests {
    /// The installed version of a package, read straight from dpkg's database.
    static func statusVersion(of package: String) throws -> String? {
        let status = try String(contentsOfFile: "/var/lib/dpkg/status", encoding: .utf8)
        for stanza in status.components(separatedBy: "\n\n") {
            let lines = stanza.split(separator: "\n")
            guard lines.contains("Package: \(package)"), lines.contains(where: { $0.hasSuffix(" installed") }) else {
                continue
            }
            return lines.first { $0.hasPrefix("Version: ") }.map { String($0.dropFirst("Version: ".count)) }
        }
        return nil
    }

    @Test("dpkg-query reports installed packages with the version dpkg's database holds")
    func dpkgVersions() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-query"))
        let versions = PackageVersionQuery().versions(of: ["dpkg", "libudev1", "no-such-package-rocfault"])
        #expect(versions["dpkg"] == (try Self.statusVersion(of: "dpkg")))
        #expect(versions["libudev1"] == (try Self.statusVersion(of: "libudev1")))
        #expect(versions["no-such-package-rocfault"] == nil)
        #expect(PackageVersionQuery().versions(of: []) == [:])
    }

    @Test("Without dpkg or rpm there are simply no versions")
    func noPackageManager() {
        let query = PackageVersionQuery(dpkgCandidates: ["/nonexistent/dpkg-query"], rpmCandidates: [])
        #expect(query.versions(of: ["dpkg"]) == [:])
    }

    @Test("Output parsers keep installed packages and strip architecture qualifiers")
    func parsers() {
        let dpkg =
            "libdrm-amdgpu1:amd64\t2.4.124-2\tii \nrocm-core\t\tun \nfirmware-amd-graphics\t20230210-5\trc \njunk\n"
        #expect(PackageVersionQuery.parseDpkg(dpkg) == ["libdrm-amdgpu1": "2.4.124-2"])
        let rpm = "linux-firmware\t20250311-1.fc42\npackage rocm-core is not installed\n"
        #expect(PackageVersionQuery.parseRPM(rpm) == ["linux-firmware": "20250311-1.fc42"])
    }

    @Test("A package manager's output is kept whatever its exit status; it runs in a minimal environment")
    func runsCommands() {
        let query = PackageVersionQuery(timeout: .seconds(5))
        #expect(query.run(["/bin/echo", "hello", "world"]) == "hello world\n")
        #expect(query.run(["/bin/sh", "-c", "echo partial; echo noise >&2; exit 3"]) == "partial\n")
        let environment = query.run(["/usr/bin/env"]) ?? ""
        #expect(environment.split(separator: "\n").sorted() == ["LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(query.run(["/nonexistent/tool"]) == nil)
    }

    @Test("A package manager that outlives its deadline is killed and gives nothing, promptly")
    func timesOut() {
        let clock = ContinuousClock()
        let query = PackageVersionQuery(timeout: .milliseconds(200))
        var result: String?
        let elapsed = clock.measure { result = query.run(["/bin/sleep", "10"]) }
        #expect(result == nil)
        #expect(elapsed < .seconds(2))
        let quiet = clock.measure { result = query.run(["/bin/sh", "-c", "exec >&-; sleep 10"]) }
        #expect(result == nil)
        #expect(quiet < .seconds(2))
    }
}
