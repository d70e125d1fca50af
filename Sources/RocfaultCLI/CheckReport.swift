import RocfaultCore

/// The JSON shape of `rocfault check --json`: `{"verdict": {...}, "incidents": [...], ...}`.
struct CheckReport: Encodable {
    var verdict: Verdict
    var incidents: [Incident]
    var inputs: [CheckInput]
    var ruleHits: [String: Int]
    var omittedIncidents: [String: Int]

    init(_ result: CheckResult) {
        verdict = result.verdict
        incidents = result.incidents
        inputs = result.inputs
        ruleHits = result.ruleHits
        omittedIncidents = result.omittedIncidents
    }
}
