import CRocfaultScan

extension String {
    /// Whether the UTF-8 bytes contain `needle`, by `memmem`: far cheaper than `contains` for a
    /// check run on many lines.
    package func containsBytes(_ needle: [UInt8]) -> Bool {
        var copy = self
        return copy.withUTF8 { haystack in
            needle.withUnsafeBufferPointer { pattern in
                guard let text = haystack.baseAddress, let bytes = pattern.baseAddress else { return pattern.isEmpty }
                return rf_contains(text, haystack.count, bytes, pattern.count) != 0
            }
        }
    }
}
