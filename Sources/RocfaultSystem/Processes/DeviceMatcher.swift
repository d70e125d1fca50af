/// Decides which open files make a process a GPU user.
package struct DeviceMatcher: Sendable, Hashable {
    /// Paths matched exactly.
    package var exactPaths: Set<String>
    /// Path prefixes (`/dev/dri/renderD` matches every render node).
    package var prefixes: [String]

    /// Creates a matcher.
    package init(exactPaths: Set<String>, prefixes: [String] = []) {
        self.exactPaths = exactPaths
        self.prefixes = prefixes
    }

    /// `/dev/kfd` (ROCm compute) and `/dev/dri/renderD*` (compute and Vulkan).
    package static let standard = DeviceMatcher(exactPaths: ["/dev/kfd"], prefixes: ["/dev/dri/renderD"])

    /// `standard` plus the primary nodes `/dev/dri/card*`, which display servers also hold.
    package static let includingCards = DeviceMatcher(
        exactPaths: ["/dev/kfd"],
        prefixes: ["/dev/dri/renderD", "/dev/dri/card"]
    )

    /// Whether a file-descriptor link target is a GPU node.
    package func matches(_ target: String) -> Bool {
        exactPaths.contains(target) || prefixes.contains { target.hasPrefix($0) }
    }
}
