/// Recognises names (of environment variables, command-line flags, `key=value` pairs) that suggest a
/// secret: TOKEN, KEY, SECRET, PASSWORD, PASSWD, AUTH, COOKIE, CREDENTIAL, in any case.
package enum SecretNames {
    /// The words; a name containing any of them is treated as secret.
    package static let words = ["TOKEN", "KEY", "SECRET", "PASSWORD", "PASSWD", "AUTH", "COOKIE", "CREDENTIAL"]

    /// Whether `name` suggests a secret (`HF_TOKEN`, `--api-key`, `OPENAI_API_KEY`).
    package static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return words.contains { upper.contains($0) }
    }

    /// What a secret value is replaced with.
    package static let placeholder = "[REDACTED]"
}
