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

    @Test func jsonTakesTheNextWordOnlyWhenItIsAStyle() {
        #expect(CommandLineArguments.normalised(["list", "--json", "short"]) == ["list", "--json=short"])
        #expect(CommandLineArguments.normalised(["show", "--json", "pretty", "3"]) == ["show", "--json=pretty", "3"])
        #expect(
            CommandLineArguments.normalised(["check", "--json", "app.log"]) == ["check", "--json=pretty", "app.log"]
        )
        #expect(CommandLineArguments.normalised(["list", "--json=short"]) == ["list", "--json=short"])
        #expect(CommandLineArguments.normalised(["list", "--json"]) == ["list", "--json=pretty"])
    }

    @Test func attachedCountIsSplit() {
        #expect(CommandLineArguments.normalised(["list", "-n1"]) == ["list", "-n", "1"])
        #expect(CommandLineArguments.normalised(["watch", "-n25"]) == ["watch", "-n", "25"])
        #expect(
            CommandLineArguments.normalised(["list", "-nx"]) == ["list", "-nx"],
            "not a count: left to the parser"
        )
        #expect(CommandLineArguments.normalised(["check", "--", "-n1"]) == ["check", "--", "-n1"])
    }
}
