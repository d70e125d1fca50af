/// A GPU runtime library mapped into a process, named and versioned from its file name.
package struct RuntimeLibrary: Sendable, Hashable, Codable {
    /// Library stems whose mappings are reported (matched at the start of the file name).
    package static let knownStems = [
        "libhsa-runtime64", "libamdhip64", "libhiprtc", "librocblas", "libhipblas", "libhipblaslt",
        "librocsolver", "librocfft", "libhipfft", "librocsparse", "librccl", "libMIOpen", "libroctracer64",
        "librocprofiler", "librocm_smi64", "libamd_smi", "libamd_comgr", "libhsakmt", "libdrm_amdgpu",
        "libvulkan_radeon", "libvulkan", "libOpenCL", "libamdocl64", "libggml-hip", "libtorch_hip",
        "libcudart",
    ]

    /// The stem: `libamdhip64`.
    package var name: String
    /// The version from the file name (`6.4.60400`), when the mapped file carries one.
    package var version: String?
    /// The mapped path.
    package var path: String

    /// Creates a record.
    package init(name: String, version: String?, path: String) {
        self.name = name
        self.version = version
        self.path = path
    }

    /// Recognises a mapped path such as `/opt/rocm-6.4.0/lib/libamdhip64.so.6.4.60400`.
    /// Returns `nil` for libraries that are not GPU runtimes.
    package init?(path: String) {
        let file = DRMDeviceReader.lastComponent(path)
        guard let marker = file.firstRange(of: ".so") else { return nil }
        let stem = String(file[..<marker.lowerBound])
        let tail = file[marker.upperBound...]
        guard Self.knownStems.contains(stem), tail.isEmpty || tail.hasPrefix(".") else { return nil }
        let version = tail.hasPrefix(".") ? String(tail.dropFirst()) : nil
        self.init(name: stem, version: version.flatMap { $0.isEmpty ? nil : $0 }, path: path)
    }

    /// The GPU runtime libraries in `/proc/<pid>/maps` text, one per path, sorted by name.
    package static func fromMaps(_ text: String) -> [RuntimeLibrary] {
        var seen: Set<String> = []
        var found: [RuntimeLibrary] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard let slash = line.firstIndex(of: "/") else { continue }
            var path = String(line[slash...]).trimmedWhitespace
            if path.hasSuffix(" (deleted)") { path = String(path.dropLast(" (deleted)".count)) }
            guard !seen.contains(path), let library = RuntimeLibrary(path: path) else { continue }
            seen.insert(path)
            found.append(library)
        }
        return found.sorted { ($0.name, $0.path) < ($1.name, $1.path) }
    }
}
