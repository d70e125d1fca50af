/// Recognises names (of environment variables, command-line flags, `key=value` pairs) that suggest a
/// secret: TOKEN, KEY, SECRET, PASSWORD, PASSWD, AUTH, COOKIE, CREDENTIAL, in any case.
public enum SecretNames {
    /// The words; a name containing any of them is treated as secret.
    public static let words = ["TOKEN", "KEY", "SECRET", "PASSWORD", "PASSWD", "AUTH", "COOKIE", "CREDENTIAL"]

    /// Whether `name` suggests a secret (`HF_TOKEN`, `--api-key`, `OPENAI_API_KEY`).
    public static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return words.contains { upper.contains($0) }
    }

    /// What a secret value is replaced with.
    public static let placeholder = "[REDACTED]"
}
