import Foundation

/// Removes what identifies a person or machine from report text: user names and real names, home
/// directories, host names, the machine id, IPv4/IPv6 and MAC addresses, email addresses, Wi-Fi
/// network names, URL credentials, known API token shapes (OpenAI, Hugging Face, GitHub, GitLab,
/// Slack, AWS, Google, JWTs), long random-looking values after `=` or `:`, and the values of
/// secret-named variables and flags (see ``SecretNames``).
///
/// Replacements are fixed words (`USER`, `NAME`, `HOST`, `MACHINE-ID`, `EMAIL`, `WIFI`, `IPV4`,
/// `IPV6`, `MAC`, `[REDACTED]`), so redacted reports of the same failure still compare equal.
package struct Redactor: Sendable {
    private let identity: RedactionIdentity
    private let enabled: Bool

    /// A redactor that changes nothing (`rocfault report --no-redact`).
    package static let disabled = Redactor(identity: RedactionIdentity(), enabled: false)

    /// Creates a redactor for the given identity.
    package init(identity: RedactionIdentity) {
        self.init(identity: identity, enabled: true)
    }

    private init(identity: RedactionIdentity, enabled: Bool) {
        self.identity = identity
        self.enabled = enabled
    }

    /// Whether redaction is on.
    package var isEnabled: Bool { enabled }

    /// Redacts free text.
    package func redact(_ text: String) -> String {
        var tally = RedactionTally()
        return redact(text, tally: &tally)
    }

    /// Redacts free text, noting what it removed in `tally`.
    package func redact(_ text: String, tally: inout RedactionTally) -> String {
        guard enabled, !text.isEmpty else { return text }
        var result = text
        for secret in identity.secretValues.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            tally.note(.secret, secret)
            result = result.replacingOccurrences(of: secret, with: SecretNames.placeholder)
        }
        for pattern in RedactionPatterns.credentials { result = pattern.apply(to: result, tally: &tally) }
        result = HighEntropyValue.redact(result, tally: &tally)
        for pattern in RedactionPatterns.personal { result = pattern.apply(to: result, tally: &tally) }
        for id in identity.machineIDs where result.range(of: id, options: .caseInsensitive) != nil {
            tally.note(.machineID, id)
            result = result.replacingOccurrences(of: id, with: "MACHINE-ID", options: .caseInsensitive)
        }
        result = words(
            identity.hostNames.union(identity.hostNames.map { $0.lowercased() }),
            in: result,
            as: "HOST",
            .hostName,
            &tally
        )
        result = words(identity.realNames, in: result, as: "NAME", .realName, &tally)
        result = words(identity.userNames, in: result, as: "USER", .userName, &tally)
        for pattern in RedactionPatterns.addresses { result = pattern.apply(to: result, tally: &tally) }
        return result
    }

    /// Replaces each of `names` (longest first) as a whole word.
    private func words(
        _ names: Set<String>,
        in text: String,
        as replacement: String,
        _ kind: RedactionKind,
        _ tally: inout RedactionTally
    ) -> String {
        var result = text
        for name in names.sorted(by: { $0.count > $1.count }) where name.count >= 2 && result.contains(name) {
            result = RedactionPatterns.word(name).apply(to: result, tally: &tally, kind: kind, template: replacement)
        }
        return result
    }

    /// Redacts environment values: secret-named variables lose their value, the rest are redacted as text.
    package func redact(environment: [String: String]) -> [String: String] {
        var tally = RedactionTally()
        return redact(environment: environment, tally: &tally)
    }

    /// ``redact(environment:)``, noting what it removed in `tally`.
    package func redact(environment: [String: String], tally: inout RedactionTally) -> [String: String] {
        guard enabled else { return environment }
        var result: [String: String] = [:]
        for (name, value) in environment {
            if SecretNames.isSecret(name) {
                tally.note(.secret, value)
                result[name] = SecretNames.placeholder
            } else {
                result[name] = redact(value, tally: &tally)
            }
        }
        return result
    }

    /// Redacts command-line arguments: the value of a secret-named flag (`--hf-token X`,
    /// `--api-key=X`) is replaced, and every argument is redacted as text.
    package func redact(arguments: [String]) -> [String] {
        var tally = RedactionTally()
        return redact(arguments: arguments, tally: &tally)
    }

    /// ``redact(arguments:)``, noting what it removed in `tally`.
    package func redact(arguments: [String], tally: inout RedactionTally) -> [String] {
        guard enabled else { return arguments }
        var result: [String] = []
        var hideNext = false
        for argument in arguments {
            if hideNext {
                tally.note(.secret, argument)
                result.append(SecretNames.placeholder)
                hideNext = false
                continue
            }
            if argument.hasPrefix("-"), SecretNames.isSecret(argument) {
                if let equals = argument.firstIndex(of: "=") {
                    tally.note(.secret, String(argument[argument.index(after: equals)...]))
                    result.append(String(argument[...equals]) + SecretNames.placeholder)
                } else {
                    result.append(argument)
                    hideNext = true
                }
                continue
            }
            result.append(redact(argument, tally: &tally))
        }
        return result
    }

    /// Adds the secret values of an environment (from a process record) to those replaced everywhere.
    package func learningSecrets(of environment: [String: String]) -> Redactor {
        guard enabled else { return self }
        var identity = identity
        for (name, value) in environment where SecretNames.isSecret(name) && value.count >= 4 {
            identity.secretValues.insert(value)
        }
        return Redactor(identity: identity, enabled: true)
    }
}
