extension Incident {
    /// The PCI address of the GPU the incident's kernel lines name (`amdgpu 0000:c5:00.0: ...`),
    /// the first one found; nil when no kernel line names one.
    package var gpuPCIAddress: String? {
        for evidence in evidence {
            for line in evidence.lines where line.origin == .kernel {
                if let address = Self.firstPCIAddress(in: line.text) { return address }
            }
        }
        return nil
    }

    /// The first `DDDD:BB:DD.F` (hex domain, bus, device; function 0-7) in `text`.
    static func firstPCIAddress(in text: String) -> String? {
        let bytes = Array(text.utf8)
        let shape = Array("hhhh:hh:hh.f".utf8)
        guard bytes.count >= shape.count else { return nil }
        for start in 0...(bytes.count - shape.count) {
            if start > 0, isHex(bytes[start - 1]) { continue }
            let end = start + shape.count
            if end < bytes.count, isHex(bytes[end]) || bytes[end] == UInt8(ascii: ".") { continue }
            if zip(bytes[start..<end], shape).allSatisfy(matches) {
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
        }
        return nil
    }

    private static func matches(_ byte: UInt8, _ shape: UInt8) -> Bool {
        switch shape {
        case UInt8(ascii: "h"): isHex(byte)
        case UInt8(ascii: "f"): byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")
        default: byte == shape
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
