/// Decides which open files make a process a GPU user.
public struct DeviceMatcher: Sendable, Hashable {
    /// Paths matched exactly.
    public var exactPaths: Set<String>
    /// Path prefixes (`/dev/dri/renderD` matches every render node).
    public var prefixes: [String]

    /// Creates a matcher.
    public init(exactPaths: Set<String>, prefixes: [String] = []) {
        self.exactPaths = exactPaths
        self.prefixes = prefixes
    }

    /// `/dev/kfd` (ROCm compute) and `/dev/dri/renderD*` (compute and Vulkan).
    public static let standard = DeviceMatcher(exactPaths: ["/dev/kfd"], prefixes: ["/dev/dri/renderD"])

    /// `standard` plus the primary nodes `/dev/dri/card*`, which display servers also hold.
    public static let includingCards = DeviceMatcher(
        exactPaths: ["/dev/kfd"],
        prefixes: ["/dev/dri/renderD", "/dev/dri/card"]
    )

    /// Whether a file-descriptor link target is a GPU node.
    public func matches(_ target: String) -> Bool {
        exactPaths.contains(target) || prefixes.contains { target.hasPrefix($0) }
    }
}
