import Foundation
import Glibc
import RocfaultTestKit
import Testing

@testable import RocfaultSystem

@Suite("libudev enumeration and monitoring on the live system", .serialized)
struct UdevTests {
    @Test("libudev enumerates the same mem devices that /sys/class/mem lists")
    func enumeratesMem() throws {
        let entries = try #require(UdevEnumerator.devices(subsystem: "mem"))
        let listed = try FileManager.default.contentsOfDirectory(atPath: "/sys/class/mem").sorted()
        #expect(!listed.isEmpty)
        #expect(entries.map(\.sysname) == listed)
        #expect(entries.allSatisfy { $0.syspath.hasPrefix("/sys/devices/") })
        #expect(UdevEnumerator.devices(subsystem: "mem", sysnameGlob: "nu*")?.map(\.sysname) == ["null"])
    }

    @Test("On the live system the udev and sysfs paths agree on the DRM cards")
    func udevMatchesSysfs() throws {
        let inventory = GPUInventory()
        let viaUdev = try #require(inventory.udevDevices())
        #expect(viaUdev == inventory.sysfsDevices())
        #expect(inventory.devices() == inventory.sysfsDevices())
    }

    @Test("The preferred group follows udevd's control socket")
    func preferredGroup() {
        let tree = TemporaryTree()
        #expect(UeventGroup.preferred(runRoot: tree.root) == .kernel)
        tree.file("udev/control", "")
        #expect(UeventGroup.preferred(runRoot: tree.root) == .udev)
    }

    @Test("A real kernel uevent written to /sys arrives with its properties, and stop is prompt")
    func receivesKernelUevent() async throws {
        let monitor = try GPUEventMonitor(subsystems: ["mem"], group: .kernel)
        #expect(monitor.group == .kernel)
        let uuid = UUID().uuidString.lowercased()
        let trigger = "/sys/devices/virtual/mem/null/uevent"
        let waiter = Task {
            await firstElement(of: monitor.events, within: .seconds(3)) { $0.properties["SYNTH_UUID"] == uuid }
        }
        try await Task.sleep(for: .milliseconds(50))
        let written = try #require(FileHandle(forWritingAtPath: trigger))
        try written.write(contentsOf: Data("change \(uuid) WEDGED=rebind".utf8))
        try written.close()
        let event = try #require(await waiter.value)
        #expect(event.action == .change)
        #expect(event.subsystem == "mem")
        #expect(event.sysname == "null")
        #expect(event.syspath == "/sys/devices/virtual/mem/null")
        #expect(event.properties["SYNTH_ARG_WEDGED"] == "rebind")
        #expect(event.sequence != nil)
        #expect(event.sequence.map(String.init) == event.properties["SEQNUM"])

        let clock = ContinuousClock()
        let stopped = clock.measure { monitor.stop() }
        #expect(stopped < .seconds(10), "stop() must wake the monitor's poll; the bound only catches a hang")
        #expect(await streamFinishes(monitor.events, within: .seconds(10)))
    }

    @Test("Events of other subsystems are filtered out")
    func filtersSubsystems() async throws {
        let monitor = try GPUEventMonitor(subsystems: ["drm"], group: .kernel)
        defer { monitor.stop() }
        let uuid = UUID().uuidString.lowercased()
        let waiter = Task {
            await firstElement(of: monitor.events, within: .milliseconds(500)) { $0.properties["SYNTH_UUID"] == uuid }
        }
        try await Task.sleep(for: .milliseconds(50))
        let written = try #require(FileHandle(forWritingAtPath: "/sys/devices/virtual/mem/null/uevent"))
        try written.write(contentsOf: Data("change \(uuid)".utf8))
        try written.close()
        #expect(await waiter.value == nil)
    }

    @Test("A udev-group monitor starts and stops even without udevd")
    func udevGroupStarts() throws {
        let monitor = try GPUEventMonitor(group: .udev)
        #expect(monitor.subsystems == ["drm", "pci"])
        monitor.stop()
        monitor.stop()
    }

    @Test("Wedged and reset events are recognised from their properties")
    func wedgedProperties() {
        let wedged = DeviceEvent(action: .change, properties: ["WEDGED": "rebind,bus-reset", "PID": "4242"])
        #expect(wedged.wedgedRecoveryMethods == ["rebind", "bus-reset"])
        #expect(wedged.reportsReset)
        #expect(wedged.guiltyPID == 4242)
        let reset = DeviceEvent(action: .change, properties: ["RESET": "1"])
        #expect(reset.wedgedRecoveryMethods == nil)
        #expect(reset.reportsReset)
        let hotplug = DeviceEvent(action: .change, properties: ["HOTPLUG": "1"])
        #expect(!hotplug.reportsReset)
        #expect(DeviceEvent.Action("bind") == .bind)
        #expect(DeviceEvent.Action("weird").description == "weird")
    }
}
