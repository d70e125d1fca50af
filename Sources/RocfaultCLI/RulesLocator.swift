import RocfaultCore
import RocfaultPlatform
import RocfaultSources

/// Finds and loads the rule directory through the process's ``Installation``: `--rules`,
/// `$ROCFAULT_RULES_DIR`, the installed share directory next to the executable, the source tree's
/// `Rules/` (for development builds), then the system paths. `rocfaultd` looks the same way.
enum RulesLocator {
    static func directory(explicit: String?) throws -> String {
        do {
            return try Installation.current().rulesDirectory(explicit: explicit)
        } catch {
            throw CLIError.rules(error.description)
        }
    }

    static func load(explicit: String?) throws -> RuleSet {
        let directory = try directory(explicit: explicit)
        do {
            return try RuleDirectoryLoader.load(directory: directory)
        } catch {
            throw CLIError.rules("rule files have errors:\n\(error.description)")
        }
    }
}
