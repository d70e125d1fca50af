import ArgumentParser
import Foundation
import RocfaultCore

/// `--json=short|pretty`.
enum JSONStyle: String, ExpressibleByArgument, CaseIterable {
    case short
    case pretty
}

/// Encodes command output as exactly one JSON document.
enum JSONOutput {
    static func encode(_ value: some Encodable, style: JSONStyle) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            style == .pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return TerminalSafeText.json(String(decoding: data, as: UTF8.self))
    }
}
