/// A GPU named by its index in a device list: the capture that carries the index and the index.
///
/// A device list line (`ggml_vulkan: 1 = AMD Radeon PRO V620 ...`) captures the index under the
/// same name (`vulkan_device`) as a failure line that names the device (`ggml_vulkan: device lost
/// on Vulkan1`), so the failure is tied to that device's vendor. `Vulkan1` and `1` are index 1.
package struct GPUDeviceReference: Sendable, Hashable {
    /// The capture name: `device`, or one ending in `_device` (`vulkan_device`).
    package var capture: String
    /// The device's index.
    package var index: Int

    /// Creates a reference.
    package init(capture: String, index: Int) {
        self.capture = capture
        self.index = index
    }

    /// The references among `captures`: each `device` or `*_device` capture whose value ends in a number.
    package static func references(in captures: [String: String]) -> [GPUDeviceReference] {
        captures.compactMap { name, value in
            guard name == "device" || name.hasSuffix("_device") else { return nil }
            let digits = value.reversed().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 4, let index = Int(String(digits.reversed())) else { return nil }
            return GPUDeviceReference(capture: name, index: index)
        }
        .sorted { ($0.capture, $0.index) < ($1.capture, $1.index) }
    }
}
