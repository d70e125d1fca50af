import RocfaultStore

/// A failure the CLI reports as one line on standard error, with an exit status.
struct CLIError: Error, CustomStringConvertible {
    /// The message (without the `rocfault: ` prefix).
    var message: String
    /// The exit status.
    var exitCode: Int32

    /// Usage errors and unreadable inputs exit 2.
    static func usage(_ message: String) -> CLIError { CLIError(message: message, exitCode: 2) }

    /// The store cannot be used: the message says why and what to do; the status is
    /// ``StoreError/exitStatus`` (65 damaged or foreign, 66 missing, 77 permission, 74 I/O, ...).
    static func store(_ error: StoreError, path: String) -> CLIError {
        CLIError(message: StoreOptions.explain(error, path: path), exitCode: error.exitStatus)
    }

    /// Rule files that do not load, or no rule directory: exit 78 (`EX_CONFIG`).
    static func rules(_ message: String) -> CLIError { CLIError(message: message, exitCode: 78) }

    /// "Nothing matched" exits 1 with no message of its own.
    static let nothingMatched = CLIError(message: "", exitCode: 1)

    var description: String { message }
}
