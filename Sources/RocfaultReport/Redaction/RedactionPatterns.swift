import Foundation

/// The regular expressions behind ``Redactor``.
///
/// They run once per report file (never on the daemon's or `check`'s hot paths), through
/// Foundation's `NSRegularExpression`, whose look-behind and template support the shapes need.
enum RedactionPatterns {
    /// One pattern, what replaces its matches, and what kind of value it removes.
    struct Replacement: @unchecked Sendable {
        let expression: NSRegularExpression
        let template: String
        let kind: RedactionKind?

        init(
            _ pattern: String,
            _ template: String,
            _ kind: RedactionKind?,
            options: NSRegularExpression.Options = []
        ) {
            // The patterns are constants checked by the tests; a failure here is a programming error.
            expression = try! NSRegularExpression(pattern: pattern, options: options)
            self.template = template
            self.kind = kind
        }

        /// `text` with every match replaced (by `template` when given, as literal text), each match
        /// noted in `tally` under `kind`.
        func apply(
            to text: String,
            tally: inout RedactionTally,
            kind: RedactionKind? = nil,
            template: String? = nil
        ) -> String {
            let range = NSRange(text.startIndex..., in: text)
            let matches = expression.matches(in: text, range: range)
            guard !matches.isEmpty else { return text }
            if let kind = kind ?? self.kind {
                for match in matches {
                    if let found = Range(match.range, in: text) { tally.note(kind, String(text[found])) }
                }
            }
            let replacement = template.map(NSRegularExpression.escapedTemplate(for:)) ?? self.template
            return expression.stringByReplacingMatches(in: text, range: range, withTemplate: replacement)
        }
    }

    private static let placeholder = NSRegularExpression.escapedTemplate(for: SecretNames.placeholder)
    private static let secretWords = SecretNames.words.joined(separator: "|")
    /// The end of a token: not followed by more token characters.
    private static let tokenEnd = "(?![A-Za-z0-9_-])"

    /// Credentials, applied first: URL user info, known token shapes, secret-named values.
    static let credentials: [Replacement] = [
        // scheme://user:password@host
        Replacement(#"(?<=://)[^/\s:@]+:[^/\s@]+@"#, "REDACTED@", .password),
        // An AWS access key id with its 40-character secret on the same line, then a lone key id.
        Replacement(
            #"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b([^\n]{0,80}?)(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"#,
            placeholder + "$1" + placeholder,
            .apiToken
        ),
        Replacement(#"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"#, placeholder, .apiToken),
        Replacement(#"\bsk-(?:proj-|ant-|live-|test-|svcacct-)?[A-Za-z0-9_-]{20,}"# + tokenEnd, placeholder, .apiToken),
        Replacement(#"\bhf_[A-Za-z0-9]{20,}"# + tokenEnd, placeholder, .apiToken),
        Replacement(
            #"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"# + tokenEnd,
            placeholder,
            .apiToken
        ),
        Replacement(#"\bglpat-[A-Za-z0-9_-]{20,}"# + tokenEnd, placeholder, .apiToken),
        Replacement(#"\bxox[abposr]-[A-Za-z0-9-]{10,}"# + tokenEnd, placeholder, .apiToken),
        Replacement(#"\bAIza[0-9A-Za-z_-]{35}"# + tokenEnd, placeholder, .apiToken),
        // JSON Web Tokens: base64url header and payload (both JSON objects, so `eyJ`), signature.
        Replacement(#"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"#, placeholder, .apiToken),
        // mysql -pSECRET (the password glued to the flag)
        Replacement(
            #"(\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]*?\s-p)(?!\[REDACTED\])[^\s"']+"#,
            "$1" + placeholder,
            .password
        ),
        // password=value, passwd: value
        keyed("PASSWORD|PASSWD", .password),
        // NAME_TOKEN=value, api_key: value, --secret=value inside text
        keyed(secretWords, .secret),
        // Bearer tokens in headers
        Replacement(#"(?<=\bBearer )(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{8,}"#, placeholder, .apiToken),
    ]

    /// A value after a key whose name contains one of `words` (`|`-separated), up to a space or quote.
    private static func keyed(_ words: String, _ kind: RedactionKind) -> Replacement {
        Replacement(
            #"(\b[A-Za-z0-9_.-]*(?:"# + words
                + #")[A-Za-z0-9_.-]*\s*[=:]\s*(?:(?:Bearer|Basic|Token)\s+)?)(?!\[REDACTED\])[^\s"',;]+"#,
            "$1" + placeholder,
            kind,
            options: [.caseInsensitive]
        )
    }

    /// Candidates for ``HighEntropyValue``: a long run of token characters right after `=` or `:`.
    static let afterSeparator = Replacement(#"(?<=[=:])\s?["']?([A-Za-z0-9+/_-]{24,}={0,2})"#, "", .secret)

    /// People and places, applied after credentials.
    static let personal: [Replacement] = [
        Replacement(
            #"(?<![A-Za-z0-9._%+/-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"#,
            "EMAIL",
            .emailAddress
        ),
        // wpa_supplicant `SSID='x'`, `ssid="x"`; NetworkManager `access point 'x'`.
        Replacement(#"(\bSSID\s*[=:]?\s*)(['"])[^'"\n]+\2"#, "$1$2WIFI$2", .wifiNetwork, options: [.caseInsensitive]),
        Replacement(#"(\baccess point )'[^'\n]+'"#, "$1'WIFI'", .wifiNetwork),
        Replacement(#"/home/[^/\s"'`:;,)\]]+"#, "/home/USER", .homeDirectory),
    ]

    /// Network addresses, applied last.
    static let addresses: [Replacement] = {
        let hex = "[0-9A-Fa-f]{1,4}"
        let full = "(?:\(hex):){7}\(hex)"
        let compressed = "(?:\(hex)(?::\(hex))*::\(hex)(?::\(hex))*|\(hex)(?::\(hex))+::|::\(hex)(?::\(hex))+)"
        return [
            Replacement(#"(?<![\w:.-])[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}(?![\w:])"#, "MAC", .macAddress),
            Replacement(#"(?<![\w:.])(?:"# + full + "|" + compressed + #")(?![\w:])"#, "IPV6", .ipAddress),
            Replacement(
                #"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.])"#,
                "IPV4",
                .ipAddress
            ),
        ]
    }()

    /// `name` as a whole word (not inside a longer name or path component).
    static func word(_ name: String) -> Replacement {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        return Replacement(#"(?<![A-Za-z0-9_-])"# + escaped + #"(?![A-Za-z0-9_-])"#, "", nil)
    }
}
