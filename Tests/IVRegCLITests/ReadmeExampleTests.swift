import Foundation
import LinearModels
import TestSupport
import Testing

/// The README's library example, through the umbrella module, with its numbers checked.
@Suite("README library example")
struct ReadmeExampleTests {
  @Test func smokingExampleRunsAsDocumented() throws {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/smoking_birthweight.csv").path)
    let results = try IV2SLS(formula: "birthweight ~ [cigarettes ~ taxes]", data: data).fit()
    #expect(results.summary.hasPrefix("                          IV-2SLS Estimation Summary"))
    expectClose(results.params, [3001.890772414741, -1.9837493551895572], rtol: 1e-9)
    let intervals = try results.confidenceIntervals(level: 0.9)
    #expect(intervals[1].lower < -1.9837 && intervals[1].upper > -1.9838)
    let firstStage = try #require(results.firstStage?.diagnostics.first)
    expectClose(firstStage.partialF.statistic, 744.482509, rtol: 1e-8)
    #expect(try #require(results.wuHausman).pValue < 1e-10)
  }
}
