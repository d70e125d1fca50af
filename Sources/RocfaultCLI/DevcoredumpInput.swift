import RocfaultCore
import RocfaultSources

#if canImport(Glibc)
import Glibc
import RocfaultPlatform
#endif

/// A `check` input that is an amdgpu device coredump (a copy of `devcoredump/data`).
enum DevcoredumpInput {
    /// The largest dump read (ring contents and IP dumps make them a few MiB).
    static let sizeLimit = 64 << 20

    /// The dump in `path`, or nil when the file does not start like one (it is read as a log then).
    static func read(_ path: String) throws -> Devcoredump? {
        guard let head = try? firstBytes(of: path, count: 256), DevcoredumpParser.looksLikeDevcoredump(head) else {
            return nil
        }
        let text: String
        do {
            text = try FileIO.contentsText(path, limit: sizeLimit)
        } catch {
            throw CLIError.usage("cannot read \(path): \(error.message)")
        }
        do {
            return try DevcoredumpParser.parse(text)
        } catch {
            throw CLIError.usage("\(path): \(error.description)")
        }
    }

    private static func firstBytes(of path: String, count: Int) throws(SystemCallError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError(call: "open", errno: errno, path: path) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return read > 0 ? Array(buffer[0..<read]) : []
    }
}
