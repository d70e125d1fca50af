/// Rewrites journalctl-style spellings ArgumentParser does not know.
enum CommandLineArguments {
    /// Options whose value may start with `-` (`--since -1h`), mapped to their long form.
    private static let timeOptions = ["-S": "--since", "--since": "--since", "-U": "--until", "--until": "--until"]

    /// A bare `--json` means `--json=pretty`, as with `journalctl -o json-pretty`'s sibling tools;
    /// `-S -1h` and `--until -30min` keep their relative time as the value. `rocfault run` passes
    /// everything after its own options to the command untouched.
    static func normalised(_ arguments: [String]) -> [String] {
        if arguments.first == "run" { return arguments }
        var result: [String] = []
        var passthrough = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if passthrough {
                result.append(argument)
                continue
            }
            if argument == "--" { passthrough = true }
            if let long = timeOptions[argument], index < arguments.count, arguments[index].hasPrefix("-") {
                result.append(long + "=" + arguments[index])
                index += 1
                continue
            }
            if argument == "-b" || argument == "--boot" {
                let value = index < arguments.count && isBootValue(arguments[index]) ? arguments[index] : nil
                result.append("--boot=" + (value ?? "0"))
                index += value == nil ? 0 : 1
                continue
            }
            result.append(argument == "--json" ? "--json=pretty" : argument)
        }
        return result
    }

    /// Whether `text` is what `-b` takes (journalctl's `-b [N|ID]`): an offset such as `0`, `-1`,
    /// `+2`, or a boot id; anything else after a bare `-b` is the next argument.
    static func isBootValue(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) { return true }
        let hex = text.filter { $0 != "-" }
        return hex.count == 32 && hex.allSatisfy(\.isHexDigit)
    }
}
