import Foundation
import RocfaultCore
import RocfaultStore

/// Builds a ``ReportBundle`` from ``ReportInputs``: keeps only the incident's own lines, formats
/// every file, makes its text safe for a terminal, then redacts it.
package struct ReportBuilder: Sendable {
    private let redactor: Redactor

    /// Creates a builder; pass ``Redactor/disabled`` for `--no-redact`.
    package init(redactor: Redactor) { self.redactor = redactor }

    /// The bundle: `report.md`, `incident.json`, `kernel.log`, `journal.log`, `process.txt`, `system.txt`,
    /// and `devcoredump-NAME.txt` for each device coredump of the incident.
    package func build(_ inputs: ReportInputs) throws -> ReportBundle {
        var inputs = inputs
        inputs.stored = inputs.stored.keepingOnlyTheIncidentsLines()
        let stored = inputs.stored
        var tally = RedactionTally()
        let redactor = self.redactor.learningSecrets(of: stored.process?.environment ?? [:])
        let process = stored.process.map { redacted($0, with: redactor, tally: &tally) }
        let excerpt = LogExcerpt(stored: stored, live: inputs.liveLines, boot: inputs.bootKernel?.lines ?? [])
        let time =
            stored.incident.firstSeen.realtimeMicroseconds
            ?? Int64(stored.createdAt.timeIntervalSince1970 * 1_000_000)
        let window = windowText(stored)
        let files = [
            ReportFile(name: "report.md", contents: IssueFormText(inputs: inputs, process: process).render()),
            ReportFile(name: "incident.json", contents: try IncidentDocument(stored: stored, process: process).json()),
            ReportFile(
                name: "kernel.log",
                contents: excerpt.kernelLog(header: kernelHeader(inputs.bootKernel, window: window))
            ),
            ReportFile(
                name: "journal.log",
                contents: excerpt.journalLog(header: "journal.log: process messages " + window)
            ),
            ReportFile(name: "process.txt", contents: ProcessText.render(process, incident: stored.incident)),
            ReportFile(name: "system.txt", contents: SystemText.render(inputs.machine, rocminfo: inputs.rocminfo)),
        ]
        let dumps = inputs.devcoredumps.map { ReportFile(name: "devcoredump-\($0.name).txt", contents: $0.text) }
        return ReportBundle(
            folder: "rocfault-report-\(stored.number)-\(TimeText.day(microseconds: time))",
            files: (files + dumps).map { file in
                ReportFile(name: file.name, contents: redactor.redact(Self.terminalSafe(file), tally: &tally))
            },
            modificationTime: time / 1_000_000,
            redactions: redactor.isEnabled ? tally : nil
        )
    }

    /// A text file's lines with control characters escaped (``TerminalSafeText``); JSON keeps its
    /// value, its encoding escapes C0 already and ``TerminalSafeText/json(_:)`` the rest.
    static func terminalSafe(_ file: ReportFile) -> String {
        guard !file.name.hasSuffix(".json") else { return TerminalSafeText.json(file.contents) }
        return file.contents.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalSafeText.line(String($0)) }
            .joined(separator: "\n")
    }

    private func redacted(
        _ process: ProcessRecord,
        with redactor: Redactor,
        tally: inout RedactionTally
    )
        -> ProcessRecord
    {
        var copy = process
        copy.environment = redactor.redact(environment: process.environment, tally: &tally)
        copy.cmdline = redactor.redact(arguments: process.cmdline, tally: &tally)
        return copy
    }

    private func kernelHeader(_ boot: BootKernelLog?, window: String) -> String {
        guard let boot else {
            return "kernel.log: kernel messages " + window + " (the boot's earlier driver lines could not be read)"
        }
        var text = "kernel.log: the boot's amdgpu/amdkfd/drm lines up to the incident (from \(boot.source)), "
        text += "and kernel messages " + window
        if boot.omitted > 0 {
            text += "\n# \(boot.omitted) driver lines in the middle of the boot were left out; the first "
            text += "\(BootKernelLog.headLimit) and the last \(BootKernelLog.tailLimit) are kept"
        }
        return text
    }

    private func windowText(_ stored: StoredIncident) -> String {
        var text = "around incident \(stored.number)"
        if let first = stored.incident.firstSeen.realtimeMicroseconds {
            text += ", first seen \(TimeText.utcSeconds(microseconds: first))"
        }
        return text
    }
}
