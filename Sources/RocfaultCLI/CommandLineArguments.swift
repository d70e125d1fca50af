/// Rewrites journalctl-style spellings ArgumentParser does not know.
enum CommandLineArguments {
    /// A bare `--json` means `--json=pretty`, as with `journalctl -o json-pretty`'s sibling tools.
    static func normalised(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var passthrough = false
        for argument in arguments {
            if passthrough {
                result.append(argument)
                continue
            }
            if argument == "--" { passthrough = true }
            result.append(argument == "--json" ? "--json=pretty" : argument)
        }
        return result
    }
}
