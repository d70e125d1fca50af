/// What the daemon does with device coredumps, as a pure state machine: sightings and copy results
/// in, actions out; the shell lists `/sys/class/devcoredump`, copies, frees and stores.
///
/// A dump is copied once per name; only after its copy is safely in the state directory is it
/// freed (a write to `data`, as `drivers/base/devcoredump.c` documents), so a failed copy leaves it
/// for the user until the kernel drops it (5 minutes). Dumps of other drivers (Wi-Fi firmware,
/// other GPUs) are left alone: they are never copied when the failing device's driver is known
/// and not amdgpu, and never freed when their text is not amdgpu's.
package struct DevcoredumpCapture: Sendable {
    /// What the shell saw or did.
    package enum Event: Sendable, Equatable {
        /// `devcdN` exists (the scan at start, or a `devcoredump` add uevent); `driver` is the
        /// failing device's driver when the shell could read it.
        case appeared(name: String, driver: String?)
        /// Its `data` was read (`text`, possibly cut at the size cap).
        case copied(name: String, text: String, truncated: Bool)
        /// The copy is saved in the state directory at `file`.
        case saved(name: String, file: String)
        /// Reading or saving the copy failed.
        case copyFailed(name: String, reason: String)
        /// `devcdN` went away (freed, or the kernel's 5-minute timeout).
        case vanished(name: String)
    }

    /// What the shell must do.
    package enum Action: Sendable, Equatable {
        /// Read `devcdN/data` (up to the cap), then report ``Event/copied(name:text:truncated:)``.
        case copy(name: String)
        /// Save the text read into the state directory (compressed), then report
        /// ``Event/saved(name:file:)``.
        case save(name: String)
        /// Hand the parsed dump, saved at `file`, to the engine and the store.
        case record(name: String, dump: Devcoredump, file: String, truncated: Bool)
        /// Free the kernel's dump: write to `devcdN/data`.
        case free(name: String)
        /// Tell the operator.
        case log(String)
    }

    /// Names copied (or being copied) and not gone yet.
    package private(set) var handled: Set<String> = []
    /// Dumps read and parsed, waiting for their copy to be saved.
    private var parsed: [String: (dump: Devcoredump, truncated: Bool)] = [:]

    /// Creates an empty state.
    package init() {}

    /// Feeds one event.
    package mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .appeared(let name, let driver):
            if let driver, driver != "amdgpu" { return [] }
            guard handled.insert(name).inserted else { return [] }
            return [.copy(name: name)]
        case .copied(let name, let text, let truncated):
            do {
                parsed[name] = (try DevcoredumpParser.parse(text), truncated)
                return [.save(name: name)]
            } catch {
                return [.log("\(name) is not an amdgpu device coredump; left for its driver")]
            }
        case .saved(let name, let file):
            guard let (dump, truncated) = parsed.removeValue(forKey: name) else { return [] }
            let cut = truncated ? " (cut at the size cap)" : ""
            return [
                .record(name: name, dump: dump, file: file, truncated: truncated),
                .free(name: name),
                .log("captured amdgpu device coredump \(name) into \(file)\(cut)"),
            ]
        case .copyFailed(let name, let reason):
            parsed.removeValue(forKey: name)
            return [.log("cannot copy device coredump \(name): \(reason); it stays in sysfs until the kernel drops it")]
        case .vanished(let name):
            handled.remove(name)
            parsed.removeValue(forKey: name)
            return []
        }
    }
}
