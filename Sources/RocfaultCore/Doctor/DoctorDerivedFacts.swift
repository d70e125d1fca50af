/// Facts computed from other facts, added before the checks run.
///
/// - `gpu.override-target`: the target `HSA_OVERRIDE_GFX_VERSION` makes ROCr report (`11.0.0` is `gfx1100`).
/// - `gpu.override-family`: `same` when that target has the GPU's major version (`gfx11xx`), else `different`.
package enum DoctorDerivedFacts {
    /// The facts with the derived ones added to every GPU.
    package static func adding(to facts: DoctorFacts) -> DoctorFacts {
        var result = facts
        let override = facts.fact("env.HSA_OVERRIDE_GFX_VERSION", gpu: nil)
        for index in result.gpus.indices {
            let gfx = facts.fact("gpu.gfx", gpu: result.gpus[index])
            let derived = derive(override: override, gfx: gfx)
            for (key, fact) in derived where result.gpus[index].facts[key] == nil {
                result.gpus[index].facts[key] = fact
            }
        }
        return result
    }

    static func derive(override: DoctorFact, gfx: DoctorFact) -> [String: DoctorFact] {
        let source = "HSA_OVERRIDE_GFX_VERSION and the GPU's gfx target"
        if let reason = override.unknownReason ?? gfx.unknownReason {
            let unknown = DoctorFact.unknown(reason, source: source)
            return ["gpu.override-target": unknown, "gpu.override-family": unknown]
        }
        guard let value = override.value else {
            return ["gpu.override-target": .absent(from: source), "gpu.override-family": .absent(from: source)]
        }
        let read = "HSA_OVERRIDE_GFX_VERSION=\(value) from \(override.source)"
        guard let target = overrideTarget(value) else {
            return ["gpu.override-target": .known("invalid (\(value))", from: read)]
        }
        var derived = ["gpu.override-target": DoctorFact.known(target.name, from: read)]
        if let name = gfx.value, let major = major(ofTarget: name) {
            let compared = "\(read) means \(target.name); the GPU is \(name)"
            derived["gpu.override-family"] = .known(major == target.major ? "same" : "different", from: compared)
        }
        return derived
    }

    /// `11.0.0` → (`gfx1100`, 11); `9.4.2` → (`gfx942`, 9); `10.3.0` → (`gfx1030`, 10).
    static func overrideTarget(_ value: String) -> (name: String, major: Int)? {
        let parts = value.trimmingSpaces.split(separator: ".").map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let stepping = parts[2],
            major > 0, (0..<16).contains(minor), (0..<16).contains(stepping)
        else { return nil }
        return ("gfx\(major)" + String(minor, radix: 16) + String(stepping, radix: 16), major)
    }

    /// `gfx1151` → 11, `gfx90a` → 9.
    static func major(ofTarget name: String) -> Int? {
        guard name.hasPrefix("gfx"), name.count >= 6 else { return nil }
        return Int(name.dropFirst(3).dropLast(2))
    }
}
