import Glibc
import RocfaultPlatform

/// The device coredumps under `<sysfsRoot>/class/devcoredump` (`devcdN -> ../../devices/virtual/
/// devcoredump/devcdN`, each with `data` and a `failing_device` link to the device that failed),
/// read and freed as `drivers/base/devcoredump.c` documents: reading `data` returns the dump,
/// writing anything to it frees the dump, and the kernel drops it by itself after 5 minutes.
package struct DevcoredumpDirectory: Sendable {
    /// Why reading or freeing failed.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file.
        package var path: String
        /// `strerror` of the failure.
        package var reason: String

        /// `path: reason`.
        package var description: String { "\(path): \(reason)" }
    }

    /// The sysfs mount point (`/sys`, or a fixture tree).
    package var sysfsRoot: String

    /// Creates a reader.
    package init(sysfsRoot: String = "/sys") { self.sysfsRoot = sysfsRoot }

    /// `<sysfsRoot>/class/devcoredump`.
    package var classPath: String { sysfsRoot + "/class/devcoredump" }

    /// The dumps there now (`devcd1`, ...), sorted.
    package func names() -> [String] { FileIO.list(classPath).filter { $0.hasPrefix("devcd") } }

    /// The dump's name from a uevent's device path (`/devices/virtual/devcoredump/devcd3`) or sysfs path.
    package static func name(fromDevicePath path: String) -> String? {
        guard let name = path.split(separator: "/").last, name.hasPrefix("devcd") else { return nil }
        return String(name)
    }

    /// The failing device's directory name: its PCI address for a GPU (`0000:c3:00.0`).
    package func failingDevice(of name: String) -> String? {
        FileIO.readLink("\(classPath)/\(name)/failing_device").flatMap {
            $0.split(separator: "/").last.map(String.init)
        }
    }

    /// The failing device's driver (`amdgpu`), when its `driver` link can be read.
    package func driver(of name: String) -> String? {
        FileIO.readLink("\(classPath)/\(name)/failing_device/driver").flatMap {
            $0.split(separator: "/").last.map(String.init)
        }
    }

    /// Reads `data`, at most `limit` bytes; `truncated` when there was more.
    package func read(_ name: String, limit: Int) throws(Failure) -> (bytes: [UInt8], truncated: Bool) {
        let path = "\(classPath)/\(name)/data"
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= limit {
            let count: Int
            do {
                count = try SystemCall.retrying("read", path: path) {
                    buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                }
            } catch {
                throw Failure(path: path, reason: error.message)
            }
            if count == 0 { return (bytes, false) }
            bytes += buffer[0..<count]
        }
        return (Array(bytes.prefix(limit)), true)
    }

    /// Frees the dump: writes to `data`, as the kernel documents.
    package func free(_ name: String) throws(Failure) {
        let path = "\(classPath)/\(name)/data"
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let written = Glibc.write(fd, "1", 1)
        guard written == 1 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    }
}
