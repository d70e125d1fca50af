import Foundation
import Testing

@testable import RocfaultCLI

@Suite struct CommandLineArgumentsTests {
    @Test func rewritesJSONAndRelativeTimesButNotRun() {
        #expect(
            CommandLineArguments.normalised(["list", "--json", "-S", "-1h", "-U", "today"])
                == ["list", "--json=pretty", "--since=-1h", "-U", "today"]
        )
        #expect(
            CommandLineArguments.normalised(["run", "python", "--json", "-S", "-1h"]) == [
                "run", "python", "--json", "-S", "-1h",
            ]
        )
        #expect(CommandLineArguments.normalised(["check", "--", "--json"]) == ["check", "--", "--json"])
    }
}
