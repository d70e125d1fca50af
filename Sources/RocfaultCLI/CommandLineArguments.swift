/// Rewrites journalctl-style spellings ArgumentParser does not know.
enum CommandLineArguments {
    /// Options whose value may start with `-` (`--since -1h`), mapped to their long form.
    private static let timeOptions = ["-S": "--since", "--since": "--since", "-U": "--until", "--until": "--until"]

    /// The values `--json` takes; only these are taken as its value when given as the next word.
    private static let jsonStyles = Set(JSONStyle.allCases.map(\.rawValue))

    /// `--json short`, `--json=short` and a bare `--json` (pretty, as with `journalctl -o json-pretty`'s
    /// sibling tools) all work: the word after `--json` is its value only when it is a style, so
    /// `check --json app.log` still reads `app.log`. `-S -1h` and `--until -30min` keep their relative
    /// time as the value; `-n1` is `-n 1`. `rocfault run` passes everything after its own options to
    /// the command untouched.
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
            let next = index < arguments.count ? arguments[index] : nil
            if let long = timeOptions[argument], let next, next.hasPrefix("-") {
                result.append(long + "=" + next)
                index += 1
            } else if argument == "--json" {
                let style = next.flatMap { jsonStyles.contains($0) ? $0 : nil }
                result.append("--json=" + (style ?? JSONStyle.pretty.rawValue))
                if style != nil { index += 1 }
            } else if argument == "-b" || argument == "--boot" {
                let value = next.flatMap { isBootValue($0) ? $0 : nil }
                result.append("--boot=" + (value ?? "0"))
                if value != nil { index += 1 }
            } else if let count = attachedCount(argument) {
                result += ["-n", count]
            } else {
                result.append(argument)
            }
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

    /// `-n1` → `1` (the short `-n` with its number attached, as `head -n1` and `journalctl -n1` take it).
    private static func attachedCount(_ argument: String) -> String? {
        guard argument.hasPrefix("-n"), argument.count > 2 else { return nil }
        let digits = argument.dropFirst(2)
        return digits.allSatisfy { $0.isASCII && $0.isNumber } ? String(digits) : nil
    }
}
