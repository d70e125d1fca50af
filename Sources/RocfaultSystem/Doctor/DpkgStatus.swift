/// Reads `/var/lib/dpkg/status`: the installed Debian/Ubuntu packages and their versions.
package enum DpkgStatus {
    /// Installed package versions by name (`Status: install ok installed` only).
    package static func installed(_ text: String) -> [String: String] {
        var versions: [String: String] = [:]
        for stanza in text.split(separator: "\n\n", omittingEmptySubsequences: true) {
            var name: String?
            var version: String?
            var installed = false
            for line in stanza.split(whereSeparator: \.isNewline) {
                if line.hasPrefix("Package:") { name = line.dropFirst(8).trimmedWhitespace }
                if line.hasPrefix("Version:") { version = line.dropFirst(8).trimmedWhitespace }
                if line.hasPrefix("Status:") { installed = line.hasSuffix(" installed") }
            }
            if installed, let name, let version { versions[name] = version }
        }
        return versions
    }
}
