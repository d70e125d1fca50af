import RocfaultCore
import RocfaultStore
import Testing

@testable import RocfaultCLI

/// The CLI's renderers escape what came from logs and leave their own colours alone.
@Suite struct TerminalSafeRenderingTests {
    @Test func tableAndEvidenceEscapeLogText() throws {
        var incident = ReportBuilderTests.stored().incident
        incident.comm = "py\u{1B}]0;x\u{07}"
        let cells = IncidentTable.cells(incident)
        #expect(cells[5] == "py\\e]0;x\\x07")
        let coloured = IncidentRenderer(style: Style(enabled: true)).evidence(of: incident, explain: true)
        #expect(coloured.contains("node-0\\e]0;pwned\\x07"))
        #expect(!coloured.contains("\u{07}"))
        #expect(coloured.contains("\u{1B}[1m"), "the renderer's own bold stays")
    }
}
