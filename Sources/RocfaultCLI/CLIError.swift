/// A failure the CLI reports as one line on standard error, with an exit status.
struct CLIError: Error, CustomStringConvertible {
    /// The message (without the `rocfault: ` prefix).
    var message: String
    /// The exit status.
    var exitCode: Int32

    /// Usage errors and unreadable inputs exit 2.
    static func usage(_ message: String) -> CLIError { CLIError(message: message, exitCode: 2) }

    /// "Nothing matched" exits 1 with no message of its own.
    static let nothingMatched = CLIError(message: "", exitCode: 1)

    var description: String { message }
}
