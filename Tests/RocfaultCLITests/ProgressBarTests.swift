import Testing

@testable import RocfaultCLI

@Suite struct ProgressBarTests {
    @Test func lineFitsTheTerminalAndShowsTheShare() throws {
        let line = ProgressBar.line(label: "journal.log", done: 512 << 20, total: 2 << 30, columns: 80)
        #expect(line.hasPrefix("checking journal.log ["))
        #expect(line.hasSuffix(" 25%  512.0 MiB of 2.0 GiB"))
        #expect(line.count == 79)
        let bar = try #require(line.firstMatch(of: /\[(#*)(-*)\]/))
        #expect(bar.1.count == (bar.1.count + bar.2.count) / 4)
        let done = ProgressBar.line(label: "x", done: 10, total: 10, columns: 60)
        #expect(done.contains("100%") && !done.contains("-"))
    }

    @Test func noBarForPipesSmallFilesOrStandardInput() {
        #expect(ProgressBar(path: "-") == nil)
        #expect(ProgressBar(path: "/etc/hostname") == nil)
    }
}
