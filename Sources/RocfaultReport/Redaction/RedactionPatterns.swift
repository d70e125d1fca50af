import Foundation

/// The regular expressions behind ``Redactor``.
enum RedactionPatterns {
    /// One pattern and what replaces its matches.
    struct Replacement: @unchecked Sendable {
        let expression: NSRegularExpression
        let template: String

        init(_ pattern: String, _ template: String, options: NSRegularExpression.Options = []) {
            // The patterns are constants checked by the tests; a failure here is a programming error.
            expression = try! NSRegularExpression(pattern: pattern, options: options)
            self.template = template
        }

        func apply(to text: String, template: String? = nil) -> String {
            let range = NSRange(text.startIndex..., in: text)
            let replacement = template.map(NSRegularExpression.escapedTemplate(for:)) ?? self.template
            return expression.stringByReplacingMatches(in: text, range: range, withTemplate: replacement)
        }
    }

    private static let secretWords = SecretNames.words.joined(separator: "|")

    /// Credentials and home directories, applied before names.
    static let fixed: [Replacement] = [
        // scheme://user:password@host
        Replacement(#"(?<=://)[^/\s:@]+:[^/\s@]+@"#, "REDACTED@"),
        // NAME_TOKEN=value, api_key: value, --password=value inside text
        Replacement(
            #"(\b[A-Za-z0-9_.-]*(?:"# + secretWords
                + #")[A-Za-z0-9_.-]*\s*[=:]\s*(?:(?:Bearer|Basic|Token)\s+)?)(?!\[REDACTED\])[^\s"',;]+"#,
            "$1" + NSRegularExpression.escapedTemplate(for: SecretNames.placeholder),
            options: [.caseInsensitive]
        ),
        // Bearer tokens in headers
        Replacement(#"(?<=\bBearer )[A-Za-z0-9._~+/=-]{8,}"#, SecretNames.placeholder),
        Replacement(#"/home/[^/\s"'`:;,)\]]+"#, "/home/USER"),
    ]

    /// Network addresses, applied last.
    static let addresses: [Replacement] = {
        let hex = "[0-9A-Fa-f]{1,4}"
        let full = "(?:\(hex):){7}\(hex)"
        let compressed = "(?:\(hex)(?::\(hex))*::\(hex)(?::\(hex))*|\(hex)(?::\(hex))+::|::\(hex)(?::\(hex))+)"
        return [
            Replacement(#"(?<![\w:.-])[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}(?![\w:])"#, "MAC"),
            Replacement(#"(?<![\w:.])(?:"# + full + "|" + compressed + #")(?![\w:])"#, "IPV6"),
            Replacement(
                #"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.])"#,
                "IPV4"
            ),
        ]
    }()

    /// `name` as a whole word (not inside a longer name or path component).
    static func word(_ name: String) -> Replacement {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        return Replacement(#"(?<![A-Za-z0-9_-])"# + escaped + #"(?![A-Za-z0-9_-])"#, "")
    }
}
