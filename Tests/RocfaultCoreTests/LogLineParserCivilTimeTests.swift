import Testing

@testable import RocfaultCore

/// The calendar arithmetic behind every wall-clock timestamp the parser reads.
@Suite struct LogLineParserCivilTimeTests {
    /// (year, month, day, days since 1970-01-01 from `date +%s` / 86400)
    static let knownDays: [(Int, Int, Int, Int64)] = [
        (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 3, 1, 11_017), (2024, 2, 29, 19_782), (2024, 12, 31, 20_088),
        (2026, 4, 17, 20_560), (1600, 1, 1, -135_140),
    ]

    @Test(arguments: knownDays)
    func daysFromCivilDate(year: Int, month: Int, day: Int, days: Int64) {
        #expect(CivilTime.days(year: year, month: month, day: day) == days)
    }

    @Test func yearAndMonthInvertsDays() {
        for days in stride(from: Int64(-200_000), through: 200_000, by: 13) {
            let (year, month) = CivilTime.yearAndMonth(days: days)
            let first = CivilTime.days(year: year, month: month, day: 1)
            let next =
                month == 12
                ? CivilTime.days(year: year + 1, month: 1, day: 1)
                : CivilTime.days(year: year, month: month + 1, day: 1)
            #expect(first <= days && days < next, "day \(days) -> \(year)-\(month)")
        }
    }

    @Test func localMonthUsesTheOffset() {
        // 2024-12-31T23:30:00Z is already January in UTC+1 and still December in UTC-1.
        let instant: Int64 = (20_088 * 86_400 + 23 * 3600 + 1800) * 1_000_000
        #expect(CivilTime.localYearAndMonth(realtimeMicroseconds: instant, utcOffsetSeconds: 3600) == (2025, 1))
        #expect(CivilTime.localYearAndMonth(realtimeMicroseconds: instant, utcOffsetSeconds: -3600) == (2024, 12))
        #expect(CivilTime.localYearAndMonth(realtimeMicroseconds: -1, utcOffsetSeconds: 0) == (1969, 12))
    }
}
