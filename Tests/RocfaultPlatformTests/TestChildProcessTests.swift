import Foundation
import Glibc
import RocfaultTestKit
import Testing

/// The test kit's child processes keep none of the runner's descriptors, so a child left behind
/// by a killed run cannot hold a lock the runner took.
@Suite struct TestChildProcessTests {
    @Test func aChildKeepsOnlyItsStandardDescriptors() throws {
        let inherited = open("/dev/null", O_RDONLY)  // no O_CLOEXEC: a child would inherit it
        try #require(inherited > 2)
        defer { close(inherited) }
        let child = ChildProcess("/bin/sleep", ["30"])
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd")
        #expect(!descriptors.contains(String(inherited)))
        #expect(Set(descriptors).isSubset(of: ["0", "1", "2"]))
    }
}
