@testable import RocfaultCore

/// A small rule set for engine tests, independent of the shipped `Rules/`.
enum EngineTestSupport {
    static let rules = """
        rules:
          - id: k.fault
            description: fault header
            kind: kernel
            class: page-fault
            origin: kernel
            literals: ["page fault"]
            pattern: 'page fault \\(src_id:\\d+ ring:\\d+ vmid:\\d+ pasid:(?<pasid>\\d+)'
          - id: k.fault.process
            description: fault process line
            kind: kernel
            class: page-fault
            origin: kernel
            continues: k.fault
            within: 6
            literals: [" pid "]
            pattern: 'Process (?<comm>\\S+) pid (?<pid>\\d+) thread'
          - id: k.fault.address
            description: fault address line
            kind: kernel
            class: page-fault
            origin: kernel
            continues: k.fault
            within: 6
            literals: ["in page starting"]
            pattern: 'in page starting at address (?<address>0x[0-9a-f]+)'
          - id: k.reset
            description: reset
            kind: kernel
            class: gpu-reset
            origin: kernel
            literals: ["GPU reset begin"]
            pattern: 'GPU reset begin!'
          - id: u.inuse
            description: memory in use
            kind: userspace
            class: memory-in-use
            literals: ["Memory critical error"]
            pattern: 'Memory critical error by agent node-(?<node>\\d+)'
          - id: u.nobinary
            description: no binary
            kind: userspace
            class: code-object
            literals: ["hipErrorNoBinaryForGpu"]
            pattern: 'hipErrorNoBinaryForGpu'
          - id: c.found
            description: a device that has code
            kind: context
            class: code-object
            literals: [" - [Found]"]
            pattern: 'amdgcn-amd-amdhsa--(?<gfx>gfx\\w+) - \\[Found\\]'
            demotes: [u.nobinary]
          - id: t.call
            description: trace call
            kind: context
            class: api-trace
            literals: [" hip"]
            pattern: '\\]\\s+(?<api>hip\\w+) \\('
          - id: t.return
            description: trace return
            kind: context
            class: api-trace
            literals: [": Returned"]
            pattern: '(?<api>hip\\w+): Returned (?<status>\\w+)'
          - id: b.fw
            description: optional firmware
            kind: benign
            class: benign
            literals: ["Optional firmware"]
            pattern: 'Optional firmware "(?<firmware>[^"]+)" was not found'
          - id: x.xid
            description: nvidia
            kind: not-amd
            class: nvidia
            literals: ["NVRM: Xid"]
            pattern: 'NVRM: Xid'
        known-issues:
          - id: ROCm/ROCm#6182
            title: in use
            advice: upgrade
            when:
              - all: [u.inuse]
          - id: local:strix-fault
            title: strix
            advice: check firmware
            when:
              - all: [k.fault]
                any: [b.fw]
              - all: [k.fault]
                gfx: [gfx1151]
        """

    static func ruleSet() throws -> RuleSet { try RuleSet.load(files: [("engine.yaml", rules)]) }

    static func kernel(_ text: String, line: Int, seconds: Double? = nil, file: String = "dmesg") -> LogRecord {
        LogRecord(
            text: text,
            origin: .kernel,
            format: .dmesg,
            location: SourceLocation(file: file, line: line),
            monotonicMicroseconds: seconds.map { UInt64($0 * 1_000_000) }
        )
    }

    static func user(_ text: String, line: Int, pid: Int32? = nil, file: String = "stderr") -> LogRecord {
        LogRecord(
            text: text,
            origin: pid == nil ? .unknown : .userspace,
            format: .plain,
            location: SourceLocation(file: file, line: line),
            pid: pid
        )
    }

    /// Runs records through assembler, correlator and classifier the way a check does.
    static func incidents(
        _ records: [LogRecord],
        ruleSet: RuleSet,
        kernelLog: KernelLogCoverage = .notProvided,
        gfx: String? = nil
    ) -> [Incident] {
        var assemblers: [String: EvidenceAssembler] = [:]
        var correlator = Correlator()
        for record in records {
            var assembler =
                assemblers[record.location.file] ?? EvidenceAssembler(source: record.location.file, ruleSet: ruleSet)
            let matches = ruleSet.matches(in: record.text)
            for observation in assembler.add(record: record, matches: matches, ordinal: record.location.line) {
                _ = correlator.add(observation, now: 0)
            }
            assemblers[record.location.file] = assembler
        }
        for key in assemblers.keys.sorted() {
            for observation in assemblers[key]!.flush() { _ = correlator.add(observation, now: 0) }
        }
        let classifier = IncidentClassifier(ruleSet: ruleSet)
        let context = IncidentContext(kernelLog: kernelLog, gfxTarget: gfx, unansweredCallMeansHang: true)
        return correlator.finishAll().map { classifier.classify($0, context: context, isFinal: true) }
    }
}
