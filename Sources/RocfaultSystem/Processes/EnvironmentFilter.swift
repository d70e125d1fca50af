/// Picks the environment variables worth keeping from a GPU process, and never its secrets.
///
/// A name is kept when it has an allowed prefix or is an allowed exact name, and dropped
/// whenever it contains a secret marker (`HF_TOKEN`, `OLLAMA_API_KEY`, `AMD_SECRET_X` are all
/// dropped). Matching is case-insensitive for the markers, exact for the allow-list.
package struct EnvironmentFilter: Sendable, Hashable {
    /// Allowed name prefixes.
    package var prefixes: [String]
    /// Allowed exact names.
    package var names: Set<String>
    /// Substrings that disqualify a name, checked in upper case.
    package var secretMarkers: [String]

    /// Creates a filter.
    package init(prefixes: [String], names: Set<String>, secretMarkers: [String]) {
        self.prefixes = prefixes
        self.names = names
        self.secretMarkers = secretMarkers
    }

    /// The GPU runtime and framework variables rocfault reports.
    package static let standard = EnvironmentFilter(
        prefixes: [
            "HSA_", "HIP_", "ROCR_", "ROCM_", "AMD_", "GPU_", "HCC_", "MIOPEN_", "PYTORCH_", "TORCH_", "OLLAMA_",
            "GGML_", "LLAMA_",
        ],
        names: ["HF_HUB_OFFLINE", "CUDA_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES"],
        secretMarkers: ["TOKEN", "KEY", "SECRET", "PASSWORD", "PASSWD", "AUTH", "COOKIE", "CREDENTIAL"]
    )

    /// Whether a variable of this name may be kept.
    package func allows(_ name: String) -> Bool {
        let upper = name.uppercased()
        guard !secretMarkers.contains(where: { upper.contains($0) }) else { return false }
        return names.contains(name) || prefixes.contains { name.hasPrefix($0) }
    }

    /// The allowed variables of `KEY=value` entries (the later of duplicates wins).
    package func filter(_ entries: [String]) -> [String: String] {
        var kept: [String: String] = [:]
        for entry in entries {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            let name = String(entry[..<equals])
            if allows(name) { kept[name] = String(entry[entry.index(after: equals)...]) }
        }
        return kept
    }
}
