import Foundation
import RocfaultCore
import RocfaultSystem

/// The doctor findings that may explain an incident, for `show` and `run`: the check table runs on
/// this machine as it is now, and the findings whose `bears-on` classes include the incident's class
/// (and whose GPU has the incident's gfx target, when both are known) are named under the verdict.
enum DoctorBearing {
    /// The section text, or empty when nothing bears on the verdict (or it has no failure).
    static func text(
        for verdict: Verdict,
        checks: [DoctorCheck],
        gfxTarget: String? = nil,
        reader: DoctorFactReader = DoctorFactReader(environment: currentEnvironment())
    ) -> String {
        guard !checks.isEmpty, verdict.side != .none else { return "" }
        let report = DoctorReport(facts: reader.read(), checks: checks)
        let target = gfxTarget ?? (report.facts.gpus.count == 1 ? report.facts.gpus[0].gfxTarget : nil)
        let bearing = report.bearing(on: verdict.failureClass, gfxTarget: target)
        guard !bearing.isEmpty else { return "" }
        let heading = "On this machine now (rocfault doctor), bearing on this \(verdict.failureClass.rawValue):\n"
        return heading + DoctorRenderer.safe(report.findingsText(bearing))
    }

    /// The checks of the installed rule files, or none when they cannot be loaded.
    static func installedChecks(rules: String? = nil) -> [DoctorCheck] {
        (try? RulesLocator.load(explicit: rules))?.doctorChecks ?? []
    }

    static func currentEnvironment() -> [String] {
        ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    }
}
