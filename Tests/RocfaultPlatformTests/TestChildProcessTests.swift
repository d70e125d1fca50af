import Foundation
import Glibc
import RocfaultTestKit
import Testing

/// The test kit's child processes keep none of the runner's descriptors, so a child left behind
/// by a killed run cannot hold a lock the runner took.
@Suite struct TestChildProcessTests {
    /// The runner's descriptor is moved to a high number (no O_CLOEXEC, so a child would inherit
    /// it), and only that number is looked for: the child's own dynamic loader briefly opens low
    /// descriptors of its own while it starts.
    @Test func aChildKeepsNoneOfTheRunnersDescriptors() throws {
        let opened = open("/dev/null", O_RDONLY)
        try #require(opened >= 0)
        let inherited = fcntl(opened, F_DUPFD, 200)
        close(opened)
        try #require(inherited >= 200)
        defer { close(inherited) }
        let child = ChildProcess("/bin/sleep", ["30"])
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd")
        #expect(!descriptors.isEmpty, "the child's descriptor list was read")
        #expect(!descriptors.contains(String(inherited)))
    }
}
