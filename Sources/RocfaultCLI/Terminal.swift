import RocfaultPlatform

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

    /// Writes all of a string, retrying short writes; a stream that cannot be written to (closed,
    /// full disk) loses the text, as `print` would.
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in try? FileIO.writeAll(raw, to: fd) }
    }
}
