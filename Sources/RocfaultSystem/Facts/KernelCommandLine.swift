/// Splits a kernel command line and picks the parameters that matter for AMD GPUs.
package enum KernelCommandLine {
    /// Prefixes of the parameters worth reporting.
    package static let relevantPrefixes = ["amdgpu.", "amdttm.", "ttm.", "iommu", "amd_iommu", "amdgpu_"]

    /// The parameters, split at spaces outside double quotes (`dyndbg="file x +p"` stays whole).
    package static func parameters(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character.isWhitespace && !quoted {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The parameters starting with one of `relevantPrefixes`, in command-line order.
    package static func relevantParameters(_ text: String) -> [String] {
        parameters(text).filter { parameter in relevantPrefixes.contains { parameter.hasPrefix($0) } }
    }
}
