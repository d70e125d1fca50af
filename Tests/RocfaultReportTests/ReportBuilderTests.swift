import Foundation
import RocfaultCore
import RocfaultStore
import Testing

@testable import RocfaultReport

/// What ``ReportBuilder`` lets into a bundle: the incident's own lines, made safe for a terminal.
@Suite struct ReportBuilderTests {
    static func line(_ text: String, seconds: Int64, origin: RecordOrigin, pid: Int32?) -> EvidenceLine {
        let record = LogRecord(
            text: text,
            origin: origin,
            format: .journalLive,
            location: SourceLocation(file: "journal", line: 0),
            realtimeMicroseconds: 1_760_000_000_000_000 + seconds * 1_000_000,
            pid: pid,
            identifier: origin == .kernel ? "kernel" : "python3"
        )
        return EvidenceLine(record: record, ruleID: "context")
    }

    static func stored(summary: String = "x") -> StoredIncident {
        let abort = line(
            "Memory critical error by agent node-0\u{1B}]0;pwned\u{07} \u{9B}2J",
            seconds: 0,
            origin: .userspace,
            pid: 42
        )
        let incident = Incident(
            id: "boot-1",
            verdict: Verdict(
                side: .userspace,
                failureClass: .memoryInUse,
                kernelLog: .covered,
                knownIssues: [],
                summary: summary
            ),
            evidence: [
                Evidence(
                    ruleID: "rocr.memory-in-use",
                    kind: .userspace,
                    failureClass: .memoryInUse,
                    lines: [abort],
                    captures: [:]
                )
            ],
            knownIssues: [],
            pid: 42,
            comm: "python3",
            pasid: nil,
            firstSeen: EventTime(realtimeMicroseconds: abort.realtimeMicroseconds),
            lastSeen: EventTime(realtimeMicroseconds: abort.realtimeMicroseconds),
            ruleCounts: ["rocr.memory-in-use": 1],
            signature: "rf1-0",
            isFinal: true
        )
        let before = [
            line("loading model", seconds: -4, origin: .userspace, pid: 42),
            line("Accepted password for alice from 203.0.113.9", seconds: -3, origin: .userspace, pid: 900),
            line("amdgpu: SMU is resumed successfully!", seconds: -2, origin: .kernel, pid: nil),
            line("an unattributed line", seconds: -1, origin: .unknown, pid: nil),
        ]
        let after = [line("alice : COMMAND=/usr/bin/mysql -pS3cret", seconds: 1, origin: .userspace, pid: 901)]
        return StoredIncident(
            number: 1,
            incident: incident,
            bootID: nil,
            processStartTime: nil,
            context: [0: EvidenceContext(before: before, after: after)],
            process: nil,
            createdAt: Date(timeIntervalSince1970: 1_760_000_000),
            updatedAt: Date(timeIntervalSince1970: 1_760_000_000)
        )
    }

    @Test func strangersLinesStayOutAndControlsAreEscaped() throws {
        let inputs = ReportInputs(
            stored: Self.stored(),
            machine: MachineFacts(),
            rocminfo: nil,
            rocfaultVersion: "test"
        )
        let bundle = try ReportBuilder(redactor: .disabled).build(inputs)
        let files = Dictionary(uniqueKeysWithValues: bundle.files.map { ($0.name, $0.contents) })
        let all = bundle.files.map(\.contents).joined()
        for stranger in ["Accepted password", "S3cret", "an unattributed line"] {
            #expect(!all.contains(stranger), "\(stranger) is in the bundle")
        }
        #expect(files["journal.log"]?.contains("python3[42]: loading model") == true)
        #expect(files["kernel.log"]?.contains("SMU is resumed successfully!") == true)
        #expect(files["journal.log"]?.contains("node-0\\e]0;pwned\\x07") == true)
        #expect(files["report.md"]?.contains("node-0\\e]0;pwned\\x07") == true)
        for (name, contents) in files where name != "incident.json" {
            #expect(!contents.utf8.contains(0x1B) && !contents.utf8.contains(0x07), "raw controls in \(name)")
        }
        // JSON escapes by itself (\u001b) and is left as it is.
        #expect(files["incident.json"]?.contains("\\u001b]0;pwned\\u0007 \\u009b2J") == true)
        #expect(files["journal.log"]?.contains("pwned\\x07 \\x9b2J") == true)
        #expect(!all.unicodeScalars.contains("\u{9B}"))
        #expect(bundle.redactions == nil)
    }

    /// The report's box gives the step the verdict gave: the deciding rule's catalog action when the
    /// summary was written with one, the class's first step for a summary without one.
    @Test func theBoxsFirstStepIsTheVerdictsOwn() throws {
        let inputs = { (summary: String) in
            ReportInputs(
                stored: Self.stored(summary: summary),
                machine: MachineFacts(),
                rocminfo: nil,
                rocfaultVersion: "t"
            )
        }
        let step = "Free the memory another process holds, then run the job again."
        let own = IssueFormText(inputs: inputs("Userspace: memory in use. First: \(step)"), process: nil).render()
        #expect(own.contains("> **First:** \(step)\n"))
        let plain = IssueFormText(inputs: inputs("x"), process: nil).render()
        #expect(plain.contains("> **First:** \(FailureClass.memoryInUse.guidance.firstStep)\n"))
    }
}
