import APIGatewayModel
import Foundation
import Store
import XCTest

/// Quota periods in UTC and the initial-period offset.
final class UsageCalendarTests: XCTestCase {
    func testDaysParseAndFormatInUTC() {
        let day = UsageCalendar.day(Date(timeIntervalSince1970: 1_764_547_199))  // 2025-11-30T23:59:59Z
        XCTAssertEqual(UsageCalendar.format(day), "2025-11-30")
        XCTAssertEqual(UsageCalendar.parse("2025-11-30"), day)
        XCTAssertNil(UsageCalendar.parse("2025-13-01"))
    }

    func testPeriodsStartOnTheDayMondayAndTheFirst() throws {
        let wednesday = try XCTUnwrap(UsageCalendar.parse("2026-12-02"))
        XCTAssertEqual(UsageCalendar.format(UsageCalendar.periodStart(.day, wednesday)), "2026-12-02")
        XCTAssertEqual(UsageCalendar.format(UsageCalendar.periodStart(.week, wednesday)), "2026-11-30")
        XCTAssertEqual(UsageCalendar.format(UsageCalendar.periodStart(.month, wednesday)), "2026-12-01")
        let monday = try XCTUnwrap(UsageCalendar.parse("2026-11-30"))
        XCTAssertEqual(UsageCalendar.periodStart(.week, monday), monday)
        let sunday = try XCTUnwrap(UsageCalendar.parse("2026-12-06"))
        XCTAssertEqual(UsageCalendar.periodStart(.week, sunday), monday)
        let leap = try XCTUnwrap(UsageCalendar.parse("2028-02-29"))
        XCTAssertEqual(UsageCalendar.format(UsageCalendar.periodStart(.month, leap)), "2028-02-01")
    }

    func testOffsetIsSubtractedInTheInitialPeriodOnly() throws {
        let plan = UsagePlan(id: "p", quota: QuotaSettings(limit: 10, offset: 3, period: .week))
        var state = ModelState()
        let thisWeek = try XCTUnwrap(UsageCalendar.parse("2026-11-30"))
        XCTAssertEqual(UsageCalendar.limit(plan: plan, key: "k", periodStart: thisWeek, in: state), 7)
        state.account.usage["p/k/2026-11-25"] = 1
        XCTAssertEqual(UsageCalendar.limit(plan: plan, key: "k", periodStart: thisWeek, in: state), 10)
        XCTAssertEqual(UsageCalendar.limit(plan: plan, key: "k", periodStart: thisWeek - 7, in: state), 7)
        XCTAssertNil(UsageCalendar.limit(plan: UsagePlan(id: "p"), key: "k", periodStart: thisWeek, in: state))
    }

    func testUsedAndRemainingSumsThePeriodUpToTheDay() throws {
        let plan = UsagePlan(id: "p", quota: QuotaSettings(limit: 10, offset: 0, period: .month))
        var state = ModelState()
        state.account.usage["p/k/2026-12-01"] = 3
        state.account.usage["p/k/2026-12-02"] = 2
        state.account.usage["p/k/2026-11-30"] = 9
        let day = try XCTUnwrap(UsageCalendar.parse("2026-12-02"))
        XCTAssertEqual(UsageCalendar.usedAndRemaining(plan: plan, key: "k", day: day, in: state), [2, 5])
        XCTAssertEqual(UsageCalendar.usedAndRemaining(plan: plan, key: "k", day: day - 1, in: state), [3, 7])
    }

    func testRevisionsMoveWithTheCollectionsTheyWatch() {
        var state = ModelState()
        let (access, usage) = (state.account.accessRevision, state.account.usageRevision)
        state.account.usage["p/k/2026-12-02"] = 1
        XCTAssertNotEqual(state.account.usageRevision, usage)
        XCTAssertEqual(state.account.accessRevision, access)
        state.account.apiKeys["k"] = ApiKey(id: "k")
        XCTAssertNotEqual(state.account.accessRevision, access)
    }
}
