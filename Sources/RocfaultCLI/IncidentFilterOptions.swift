import ArgumentParser
import Foundation
import RocfaultSources
import RocfaultStore

/// `-b/--boot [N|ID]` and `-g/--grep PATTERN` for `list`, `show` and `watch`.
struct IncidentFilterOptions: ParsableArguments {
    @Option(
        name: [.customShort("b"), .long],
        help: ArgumentHelp(
            "Only incidents of this boot: 0 (or a bare -b) the current one, -1 the one before, ..., or a boot id.",
            valueName: "N"
        )
    )
    var boot: String?

    @Option(
        name: [.customShort("g"), .long],
        help: ArgumentHelp(
            "Only incidents whose summary or evidence lines match this PCRE2 pattern (case-insensitive when it is all lowercase).",
            valueName: "pattern"
        )
    )
    var grep: String?

    /// Whether any of the options was given.
    var isActive: Bool { boot != nil || grep != nil }

    /// The filter, with the boot resolved against the journal's boots and the store's.
    func resolve(store: IncidentStore) throws -> IncidentFilter {
        do {
            var filter = IncidentFilter()
            if let grep { filter.pattern = try IncidentFilter.compile(grep: grep) }
            if let boot {
                filter.bootID = try IncidentFilter.resolveBoot(boot, boots: knownBoots(store), current: currentBoot())
            }
            return filter
        } catch {
            throw CLIError.usage(error.description)
        }
    }

    private func currentBoot() throws(IncidentFilter.Invalid) -> String {
        do {
            return try JournalBoot.currentID()
        } catch {
            throw IncidentFilter.Invalid(description: "cannot read the current boot id: \(error)")
        }
    }

    /// The store's boots and, where the journal may be read, the journal's (like `journalctl --list-boots`).
    private func knownBoots(_ store: IncidentStore) -> [IncidentFilter.Boot] {
        var boots = ((try? store.knownBoots()) ?? []).map {
            IncidentFilter.Boot(id: $0.id, first: $0.firstRealtimeMicroseconds)
        }
        boots += Self.journalBoots().map {
            IncidentFilter.Boot(id: $0.id, first: Int64(clamping: $0.firstRealtimeMicroseconds))
        }
        return boots
    }

    private static func journalBoots() -> [JournalBoot] {
        let result = BootList()
        let done = DispatchSemaphore(value: 0)
        Task {
            defer { done.signal() }
            result.set((try? await JournalBoot.list()) ?? [])
        }
        done.wait()
        return result.get()
    }

    private final class BootList: @unchecked Sendable {
        private let lock = NSLock()
        private var boots: [JournalBoot] = []
        func set(_ value: [JournalBoot]) { lock.withLock { boots = value } }
        func get() -> [JournalBoot] { lock.withLock { boots } }
    }
}
