import Foundation
import RocfaultCore
import RocfaultPlatform
import RocfaultStore
import RocfaultSystem

/// Saves a run's incident, with the child's process record and context lines, into the user's own
/// store (`$ROCFAULT_RUNS_DIR`, else `$XDG_STATE_HOME/rocfault`, else `~/.local/state/rocfault`), so
/// `rocfault report --state-dir DIR ID` works without rocfaultd.
enum RunRecorder {
    /// The directory of the user's store, if one can be named.
    static func directory(environment: [String: String]) -> String? {
        if let explicit = environment["ROCFAULT_RUNS_DIR"], !explicit.isEmpty { return explicit }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/rocfault" }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return home + "/.local/state/rocfault"
    }

    /// Records `incident` and returns its number, or a one-line reason it could not.
    static func save(
        _ incident: Incident,
        outcome: RunOutcome,
        bootID: String,
        directory: String
    ) -> Result<Int64, RecordFailure> {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return .failure(RecordFailure(message: "cannot create \(directory): \(error.localizedDescription)"))
        }
        let path = directory + "/" + StoreOptions.databaseName
        do {
            let store = try IncidentStore.open(at: path, mode: .readWrite)
            defer { try? store.close() }
            var saved = incident
            saved.id = "run-\(bootID.prefix(8))-\(outcome.pid)-\(outcome.processStartTime ?? 0)"
            let startTime = outcome.processStartTime ?? UInt64(outcome.start.realtimeMicroseconds ?? 0)
            let entry = IncidentEntry(
                saved,
                bootID: bootID,
                processStartTime: startTime,
                context: context(for: incident, outcome: outcome)
            )
            let numbers = try store.record(
                StoreBatch(incidents: [entry], processes: [process(outcome, bootID: bootID, startTime: startTime)])
            )
            return numbers[saved.id].map { .success($0) }
                ?? .failure(RecordFailure(message: "the incident was not found after recording it"))
        } catch {
            return .failure(RecordFailure(message: "\(error)"))
        }
    }

    struct RecordFailure: Error {
        var message: String
    }

    private static func process(_ outcome: RunOutcome, bootID: String, startTime: UInt64) -> ProcessRecord {
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var signal: Int32?
        if case .signaled(let number, _) = outcome.termination { signal = number }
        return ProcessRecord(
            key: ProcessKey(bootID: bootID, pid: outcome.pid, startTime: startTime),
            comm: outcome.comm,
            exe: ChildProcess.resolve(outcome.arguments[0]),
            cmdline: outcome.arguments,
            unit: nil,
            cgroup: nil,
            environment: EnvironmentFilter.standard.filter(environment),
            firstSeen: outcome.start,
            exitTime: outcome.end,
            exitSignal: signal
        )
    }

    /// The lines read before each piece of evidence, as the engine kept them.
    private static func context(for incident: Incident, outcome: RunOutcome) -> [Int: EvidenceContext] {
        var result: [Int: EvidenceContext] = [:]
        for (index, evidence) in incident.evidence.enumerated() {
            guard let records = outcome.context[incident.id + "\u{1F}" + evidence.ruleID], !records.isEmpty else {
                continue
            }
            result[index] = EvidenceContext(before: records.map { EvidenceLine(record: $0, ruleID: evidence.ruleID) })
        }
        return result
    }
}
