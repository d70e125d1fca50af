#if canImport(Glibc)
import Glibc
#endif

/// Standard output and error, with the terminal facts output styling depends on.
struct Terminal: Sendable {
    let fd: Int32

    static let standardOutput = Terminal(fd: 1)
    static let standardError = Terminal(fd: 2)

    /// Whether the stream is a terminal.
    var isTerminal: Bool { isatty(fd) == 1 }

    /// Whether to colour: on a terminal, never with `NO_COLOR` set, never for `TERM=dumb`.
    var usesColor: Bool {
        guard isTerminal, getenv("NO_COLOR") == nil else { return false }
        return getenv("TERM").map { String(cString: $0) != "dumb" } ?? false
    }

    /// Writes all of a string, retrying short writes.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
