import RocfaultCore
package import RocfaultStore

extension StoredIncident {
    /// The incident with only the context lines that are its own (``IncidentLineScope``): the
    /// kernel's and those of its processes. Other processes' lines that a daemon stored before it
    /// filtered them (another user's login, sudo command line) never reach a report.
    package func keepingOnlyTheIncidentsLines() -> StoredIncident {
        var scope = IncidentLineScope(pid: incident.pid, evidence: incident.evidence)
        if let process { scope.pids.insert(process.key.pid) }
        var copy = self
        copy.context = context.compactMapValues { lines in
            let kept = EvidenceContext(
                before: lines.before.filter(scope.admits),
                after: lines.after.filter(scope.admits)
            )
            return kept.isEmpty ? nil : kept
        }
        return copy
    }
}
