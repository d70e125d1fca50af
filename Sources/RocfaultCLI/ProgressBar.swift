#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error for `rocfault check` on large files: drawn only when
/// standard error is a terminal and the file is at least ``minimumSize``, redrawn at most every
/// 100 ms, erased when done.
struct ProgressBar {
    /// Files smaller than this check too fast to need a bar.
    static let minimumSize: UInt64 = 64 << 20

    private let label: String
    private let total: UInt64
    private var lastDraw: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    /// A bar for `path`, or nil when none should be drawn.
    init?(path: String, terminal: Terminal = .standardError) {
        guard path != "-", terminal.isTerminal, getenv("TERM").map({ String(cString: $0) }) != "dumb" else {
            return nil
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, UInt64(info.st_size) >= Self.minimumSize
        else { return nil }
        total = UInt64(info.st_size)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        label = name.count > 28 ? "..." + name.suffix(25) : name
    }

    /// Shows that `done` bytes were read.
    mutating func update(done: UInt64) {
        let now = clock.now
        if let lastDraw, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        Terminal.standardError.write(
            "\r" + Self.line(label: label, done: done, total: total, columns: columns()) + "\u{1B}[K"
        )
    }

    /// Erases the bar.
    func finish() {
        if lastDraw != nil { Terminal.standardError.write("\r\u{1B}[K") }
    }

    /// `checking big.log [########----------]  42%  1.2 GiB of 2.9 GiB`, fitted to `columns`.
    static func line(label: String, done: UInt64, total: UInt64, columns: Int) -> String {
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let amounts = "\(ByteCount.text(Int64(done))) of \(ByteCount.text(Int64(total)))"
        let percent = String(Int(fraction * 100))
        let fixed = "checking \(label) [] \(String(repeating: " ", count: 3 - percent.count))\(percent)%  \(amounts)"
        let width = max(10, min(40, columns - fixed.count - 1))
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "checking \(label) [\(bar)] \(String(repeating: " ", count: 3 - percent.count))\(percent)%  \(amounts)"
    }

    private func columns() -> Int {
        var size = winsize()
        return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}
