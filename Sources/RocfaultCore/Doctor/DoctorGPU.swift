/// The facts about one GPU, keyed like `gpu.gfx` and `gpu.firmware.mes`.
public struct DoctorGPU: Sendable, Hashable, Codable {
    /// A name for people: `card1 gfx1151 0000:c5:00.0`.
    public var name: String
    /// The facts, by key (every key starts with `gpu.`).
    public var facts: [String: DoctorFact]

    /// Creates a GPU record.
    public init(name: String, facts: [String: DoctorFact] = [:]) {
        self.name = name
        self.facts = facts
    }

    /// The gfx target (`gfx1151`), when read.
    public var gfxTarget: String? { facts["gpu.gfx"]?.value }
}
