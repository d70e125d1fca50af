import Testing

@testable import RocfaultSystem

@Suite("gfx target names and PCI addresses")
struct GFXTargetTests {
    @Test(
        "Known targets",
        arguments: [
            (UInt64(90010), "gfx90a"), (110_501, "gfx1151"), (90402, "gfx942"), (100_300, "gfx1030"),
            (110_000, "gfx1100"), (120_001, "gfx1201"), (90012, "gfx90c"), (80003, "gfx803"),
        ]
    )
    func known(version: UInt64, name: String) {
        #expect(GFXTarget.name(forTargetVersion: version) == name)
        #expect(GFXTarget.targetVersion(forName: name) == version)
    }

    @Test("Every encodable version round-trips through its name")
    func roundTrip() {
        for major in UInt64(7)...12 {
            for minor in UInt64(0)..<16 {
                for stepping in UInt64(0)..<16 {
                    let version = major * 10_000 + minor * 100 + stepping
                    let name = GFXTarget.name(forTargetVersion: version)
                    #expect(name.flatMap(GFXTarget.targetVersion(forName:)) == version, "\(version)")
                }
            }
        }
    }

    @Test("Zero and values that do not fit a hex digit have no name", arguments: [UInt64(0), 90016, 91700, 99])
    func invalid(version: UInt64) {
        #expect(GFXTarget.name(forTargetVersion: version) == nil)
    }

    @Test("Garbage names have no version", arguments: ["", "gfx", "gfx9", "sm_90", "gfxzz1", "gfx0a0"])
    func invalidNames(name: String) {
        #expect(GFXTarget.targetVersion(forName: name) == nil)
    }

    @Test("PCI addresses parse, print and round-trip through the KFD location id")
    func pciAddresses() throws {
        for text in ["0000:c5:00.0", "0001:03:1f.7", "0000:00:08.1"] {
            let address = try #require(PCIAddress(text))
            #expect(address.description == text)
            #expect(PCIAddress(domain: address.domain, locationID: address.locationID) == address)
        }
        #expect(PCIAddress("c5:00.0")?.description == "0000:c5:00.0")
        #expect(PCIAddress(domain: 0, locationID: 50432).description == "0000:c5:00.0")
        for bad in ["", "0000:c5:00", "0000:c5:20.0", "0000:c5:00.8", "zz:00.0", "0000:c5:00.0:1"] {
            #expect(PCIAddress(bad) == nil, "\(bad)")
        }
    }
}
