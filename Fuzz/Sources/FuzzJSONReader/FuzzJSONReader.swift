@testable import FuzzSupport
@testable import RocfaultCore

/// `JSONLineReader` on any bytes. When it accepts them as one object: every number it reports is
/// a range of the input made of number characters, and writing the members back as JSON and
/// reading that again gives the same members (the reader and a writer agree).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var members: [Member] = []
    let accepted = JSONLineReader.readObject(bytes) { name, value in
        members.append(Member(name: name, value: Canonical(value, in: bytes)))
    }
    guard accepted else { return 0 }
    var written = Array("{".utf8)
    for (index, member) in members.enumerated() {
        if index > 0 { written.append(UInt8(ascii: ",")) }
        written += fuzzJSONString(member.name) + Array(":".utf8) + member.value.json
    }
    written += Array("}".utf8)
    var reread: [Member] = []
    let rereadAccepted = written.withUnsafeBufferPointer { buffer in
        JSONLineReader.readObject(buffer) { name, value in
            reread.append(Member(name: name, value: Canonical(value, in: buffer)))
        }
    }
    fuzzCheck(rereadAccepted, "its own output is refused: \(String(decoding: written, as: UTF8.self))")
    fuzzCheck(reread == members, "members differ after a round trip")
    return 0
}

private struct Member: Equatable {
    var name: [UInt8]
    var value: Canonical
}

/// A value with numbers as their text, comparable across inputs.
private indirect enum Canonical: Equatable {
    case string([UInt8])
    case number([UInt8])
    case array([Canonical])
    case other

    init(_ value: JSONLineReader.Value, in bytes: UnsafeBufferPointer<UInt8>) {
        switch value {
        case .string(let text): self = .string(text)
        case .number(let range):
            fuzzCheck(range.lowerBound >= 0 && range.upperBound <= bytes.count && !range.isEmpty, "number range")
            let digits = Array(bytes[range])
            fuzzCheck(digits.allSatisfy { Array("0123456789-+.eE".utf8).contains($0) }, "number characters")
            self = .number(digits)
        case .array(let elements): self = .array(elements.map { Canonical($0, in: bytes) })
        case .other: self = .other
        }
    }

    var json: [UInt8] {
        switch self {
        case .string(let text): return fuzzJSONString(text)
        case .number(let digits): return digits
        case .array(let elements):
            return Array("[".utf8) + Array(elements.map(\.json).joined(separator: Array(",".utf8))) + Array("]".utf8)
        case .other: return Array("null".utf8)
        }
    }
}
