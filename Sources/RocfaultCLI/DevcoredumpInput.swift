import RocfaultCore
import RocfaultPlatform
import RocfaultSources

/// A `check` input that is an amdgpu device coredump (a copy of `devcoredump/data`).
enum DevcoredumpInput {
    /// The largest dump read (ring contents and IP dumps make them a few MiB).
    static let sizeLimit = 64 << 20

    /// The dump in `path`, or nil when the file does not start like one (it is read as a log then).
    static func read(_ path: String) throws -> Devcoredump? {
        // Only a regular file is sniffed (sysfs's devcd*/data is one); the head of a pipe would be lost.
        guard let head = FileIO.head(path, limit: 256), DevcoredumpParser.looksLikeDevcoredump(head) else {
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
}
