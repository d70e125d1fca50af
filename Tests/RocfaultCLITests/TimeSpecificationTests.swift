import Foundation
import Testing

@testable import RocfaultCLI

@Suite struct TimeSpecificationTests {
    /// 2026-11-24 15:30:00 UTC, a Tuesday.
    let now = Date(timeIntervalSince1970: 1_795_534_200)
    var utc: TimeSpecification { TimeSpecification(now: now, timeZone: TimeZone(identifier: "UTC")!) }

    @Test func journalctlSpellings() throws {
        #expect(try utc.parse("2026-11-24 10:00") == Date(timeIntervalSince1970: 1_795_514_400))
        #expect(try utc.parse("2026-11-24 10:00:05") == Date(timeIntervalSince1970: 1_795_514_405))
        #expect(try utc.parse("2026-11-24T10:00:05Z") == Date(timeIntervalSince1970: 1_795_514_405))
        #expect(try utc.parse("2026-11-24") == Date(timeIntervalSince1970: 1_795_478_400))
        #expect(try utc.parse("today") == Date(timeIntervalSince1970: 1_795_478_400))
        #expect(try utc.parse("yesterday") == Date(timeIntervalSince1970: 1_795_392_000))
        #expect(try utc.parse("10:00") == Date(timeIntervalSince1970: 1_795_514_400))
        #expect(try utc.parse("-1h") == now.addingTimeInterval(-3600))
        #expect(try utc.parse("-30min") == now.addingTimeInterval(-1800))
        #expect(try utc.parse("-1h30min") == now.addingTimeInterval(-5400))
        #expect(try utc.parse("2 days ago") == now.addingTimeInterval(-172_800))
        #expect(try utc.parse("+5s") == now.addingTimeInterval(5))
        #expect(try utc.parse("@1764000000") == Date(timeIntervalSince1970: 1_764_000_000))
        #expect(try utc.parse("now") == now)
    }

    @Test func localTimeUsesTheZone() throws {
        let berlin = TimeSpecification(now: now, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(try berlin.parse("2026-11-24 10:00") == Date(timeIntervalSince1970: 1_795_514_400 - 3600))
        #expect(try berlin.parse("2026-11-24 10:00 UTC") == Date(timeIntervalSince1970: 1_795_514_400))
    }

    @Test(arguments: ["", "next tuesday", "2026-13-01", "25:00", "-1 fortnight", "@abc", "2026-11-24 10:00 extra"])
    func rejects(_ text: String) {
        #expect(throws: TimeSpecification.Invalid.self) { try utc.parse(text) }
    }
}
