/// A stable duplicate signature: the same failure on another run or machine gets the same value.
///
/// Built from side, class, the deciding rule ids and the captures that identify a failure mode
/// (faulting client, reason, status, ring name, error name), never from pids, addresses or times.
package enum IncidentSignature {
    /// Captures that identify a failure mode.
    static let identifying = ["client", "reason", "status", "error", "code", "hub", "msg", "api", "block"]

    /// Makes the signature: `rf1-` and 16 hex digits of FNV-1a over the canonical description.
    package static func make(side: Side, failureClass: FailureClass, deciding: [Evidence]) -> String {
        var parts = [side.rawValue, failureClass.rawValue]
        parts += Set(deciding.map(\.ruleID)).sorted()
        var values: Set<String> = []
        for evidence in deciding {
            for name in identifying {
                if let value = evidence.captures[name] { values.insert("\(name)=\(value)") }
            }
        }
        parts += values.sorted()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "|").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "rf1-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
