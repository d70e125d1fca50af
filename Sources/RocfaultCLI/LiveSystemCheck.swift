import RocfaultCore

/// `rocfault check` with no files: this machine's current boot.
enum LiveSystemCheck {
    static func feed(into checker: inout LogChecker) throws {
        throw CLIError.usage("checking the live system needs the journal reader; give log files for now")
    }
}
