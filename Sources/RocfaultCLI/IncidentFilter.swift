import Foundation
import RocfaultCore

/// journalctl-style selection shared by `list`, `show` and `watch`: `-b/--boot [N|ID]` and
/// `-g/--grep PATTERN`. Pure: the boots and the current boot id are given.
struct IncidentFilter {
    /// Only incidents of this boot (nil: any).
    var bootID: String?
    /// Only incidents whose summary or evidence lines match (nil: any).
    var pattern: CompiledPattern?

    /// A boot named on the command line that does not exist, or a bad pattern.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// A boot with the earliest time known for it (journal's first entry, the store's first record).
    struct Boot: Hashable {
        var id: String
        var first: Int64?
    }

    /// The boot `spec` names, as journalctl reads `-b`: `0` (or nothing) the current boot, `-1` the
    /// one before, `1` the first known, `2` the second, ...; or a boot id (32 hex digits, dashes
    /// allowed). `boots` are all known boots in any order: they are ordered by their earliest time,
    /// the current boot last.
    static func resolveBoot(_ spec: String, boots: [Boot], current: String) throws(Invalid) -> String {
        let trimmed = spec.trimmingCharacters(in: .whitespaces)
        let hex = trimmed.lowercased().filter { $0 != "-" }
        if hex.count == 32, hex.allSatisfy(\.isHexDigit) { return hex }
        guard let offset = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed) else {
            throw Invalid(description: "'\(spec)' is not a boot: give an offset (0, -1, ...) or a boot id")
        }
        let ordered = order(boots, current: current)
        let index = offset > 0 ? offset - 1 : ordered.count - 1 + offset
        guard ordered.indices.contains(index) else {
            throw Invalid(
                description: "no boot \(trimmed): \(ordered.count) boots are known (0 to -\(ordered.count - 1))"
            )
        }
        return ordered[index]
    }

    /// Boots oldest first, each once, the current one last.
    static func order(_ boots: [Boot], current: String) -> [String] {
        var earliest: [String: Int64] = [:]
        for boot in boots where boot.id != current {
            let first = boot.first ?? .max
            earliest[boot.id] = min(earliest[boot.id] ?? .max, first)
        }
        let older = earliest.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
        return older + [current]
    }

    /// A grep pattern as journalctl takes it: case-insensitive when it has no uppercase letter.
    static func compile(grep: String) throws(Invalid) -> CompiledPattern {
        let caseless = !grep.contains(where: \.isUppercase)
        do {
            return try CompiledPattern(caseless ? "(?i)" + grep : grep)
        } catch {
            throw Invalid(description: "bad --grep pattern '\(grep)': \(error)")
        }
    }

    /// Whether `incident` (of boot `bootID`) passes the filter.
    func matches(_ incident: Incident, bootID incidentBoot: String?) -> Bool {
        if let bootID, incidentBoot != bootID { return false }
        guard let pattern else { return true }
        let matcher = PatternMatcher()
        if matcher.firstMatch(of: pattern, in: incident.verdict.summary) != nil { return true }
        return incident.evidence.contains { evidence in
            evidence.lines.contains { matcher.firstMatch(of: pattern, in: $0.text) != nil }
        }
    }
}
