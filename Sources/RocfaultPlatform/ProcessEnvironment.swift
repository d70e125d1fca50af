#if canImport(Glibc)
import Glibc
#endif

/// The running process's environment variables and executable path.
package enum ProcessEnvironment {
    /// Every `NAME=value` of the environment (the first of duplicate names wins, as `getenv` does).
    package static func variables() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "="), result[String(text[..<equals])] == nil {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// The absolute path of the running executable (`/proc/self/exe`), or nil when unreadable.
    package static func executablePath() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let length = buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                readlink("/proc/self/exe", $0, bytes.count - 1)
            }
        }
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<length], as: UTF8.self)
    }
}
