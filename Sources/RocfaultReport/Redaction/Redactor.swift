import Foundation

/// Removes what identifies a person or machine from report text: user names, home directories,
/// host names, the machine id, IPv4/IPv6 and MAC addresses, URL credentials, and the values of
/// secret-named variables and flags (see ``SecretNames``).
///
/// Replacements are fixed words (`USER`, `HOST`, `MACHINE-ID`, `IPV4`, `IPV6`, `MAC`,
/// `[REDACTED]`), so redacted reports of the same failure still compare equal.
public struct Redactor: Sendable {
    private let identity: RedactionIdentity
    private let enabled: Bool

    /// A redactor that changes nothing (`rocfault report --no-redact`).
    public static let disabled = Redactor(identity: RedactionIdentity(), enabled: false)

    /// Creates a redactor for the given identity.
    public init(identity: RedactionIdentity) {
        self.init(identity: identity, enabled: true)
    }

    private init(identity: RedactionIdentity, enabled: Bool) {
        self.identity = identity
        self.enabled = enabled
    }

    /// Whether redaction is on.
    public var isEnabled: Bool { enabled }

    /// Redacts free text.
    public func redact(_ text: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        var result = text
        for secret in identity.secretValues.sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: secret, with: SecretNames.placeholder)
        }
        for pattern in RedactionPatterns.fixed { result = pattern.apply(to: result) }
        for id in identity.machineIDs {
            result = result.replacingOccurrences(of: id, with: "MACHINE-ID", options: .caseInsensitive)
        }
        let hosts = identity.hostNames.union(identity.hostNames.map { $0.lowercased() })
        for name in hosts.sorted(by: { $0.count > $1.count }) where name.count >= 2 {
            result = RedactionPatterns.word(name).apply(to: result, template: "HOST")
        }
        for name in identity.userNames.sorted(by: { $0.count > $1.count }) where name.count >= 2 {
            result = RedactionPatterns.word(name).apply(to: result, template: "USER")
        }
        for pattern in RedactionPatterns.addresses { result = pattern.apply(to: result) }
        return result
    }

    /// Redacts environment values: secret-named variables lose their value, the rest are redacted as text.
    public func redact(environment: [String: String]) -> [String: String] {
        guard enabled else { return environment }
        var result: [String: String] = [:]
        for (name, value) in environment {
            result[name] = SecretNames.isSecret(name) ? SecretNames.placeholder : redact(value)
        }
        return result
    }

    /// Redacts command-line arguments: the value of a secret-named flag (`--hf-token X`,
    /// `--api-key=X`) is replaced, and every argument is redacted as text.
    public func redact(arguments: [String]) -> [String] {
        guard enabled else { return arguments }
        var result: [String] = []
        var hideNext = false
        for argument in arguments {
            if hideNext {
                result.append(SecretNames.placeholder)
                hideNext = false
                continue
            }
            if argument.hasPrefix("-"), SecretNames.isSecret(argument) {
                if let equals = argument.firstIndex(of: "=") {
                    result.append(String(argument[...equals]) + SecretNames.placeholder)
                } else {
                    result.append(argument)
                    hideNext = true
                }
                continue
            }
            result.append(redact(argument))
        }
        return result
    }

    /// Adds the secret values of an environment (from a process record) to those replaced everywhere.
    public func learningSecrets(of environment: [String: String]) -> Redactor {
        guard enabled else { return self }
        var identity = identity
        for (name, value) in environment where SecretNames.isSecret(name) && value.count >= 4 {
            identity.secretValues.insert(value)
        }
        return Redactor(identity: identity, enabled: true)
    }
}
