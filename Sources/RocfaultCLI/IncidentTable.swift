import Foundation
import RocfaultCore

/// The table of `rocfault list` and the lines of `rocfault watch`.
struct IncidentTable {
    let style: Style

    static let headers = ["ID", "TIME", "SIDE", "CLASS", "PID", "COMM", "KNOWN ISSUE"]

    /// One row's cells, plain (no colour) so widths can be measured.
    static func cells(_ incident: Incident) -> [String] {
        [
            incident.id.terminalSafe,
            LocalTime.text(microseconds: incident.firstSeen.realtimeMicroseconds),
            incident.verdict.side.rawValue.uppercased(),
            incident.verdict.failureClass.rawValue + (incident.isFinal ? "" : " (open)"),
            incident.pid.map(String.init) ?? "-",
            (incident.comm ?? "-").terminalSafe,
            incident.knownIssues.first?.id ?? "-",
        ]
    }

    /// The whole table, with a header unless `legend` is false.
    func render(_ incidents: [Incident], legend: Bool) -> String {
        let rows = incidents.map(Self.cells)
        var widths = Self.headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var text = legend ? style.bold(line(Self.headers, widths: widths)) + "\n" : ""
        for (row, incident) in zip(rows, incidents) {
            text += colouredSide(line(row, widths: widths), side: incident.verdict.side, cell: row[2]) + "\n"
        }
        if legend { text += "\n\(incidents.count) incident\(incidents.count == 1 ? "" : "s") listed.\n" }
        return text
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            let last = index == cells.count - 1
            text += last ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
        }
        return text
    }

    private func colouredSide(_ line: String, side: Side, cell: String) -> String {
        guard style.enabled, let range = line.range(of: " " + cell + " ") else { return line }
        let renderer = IncidentRenderer(style: style)
        return line.replacingCharacters(in: range, with: " " + renderer.sideLabel(side) + " ")
    }
}
