/// The facts about one GPU, keyed like `gpu.gfx` and `gpu.firmware.mes`.
package struct DoctorGPU: Sendable, Hashable, Codable {
    /// A name for people: `card1 gfx1151 0000:c5:00.0`.
    package var name: String
    /// The facts, by key (every key starts with `gpu.`).
    package var facts: [String: DoctorFact]

    /// Creates a GPU record.
    package init(name: String, facts: [String: DoctorFact] = [:]) {
        self.name = name
        self.facts = facts
    }

    /// The gfx target (`gfx1151`), when read.
    package var gfxTarget: String? { facts["gpu.gfx"]?.value }
}
