import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// Edge cases found in review, each against linearmodels 7.1 where it has an answer.
@Suite("Edge cases from review")
struct ReviewFindingsTests {
  static func golden20() throws -> DataTable { try DataTable(contentsOfCSVFile: Fixtures.url("data/golden20.csv").path) }

  @Test func partialRSquaredIsCentredWhenTheInstrumentsSpanAConstant() throws {
    // linearmodels 7.1: partial R² 0.2562038376525394 (instruments C(g) without an intercept).
    let dummies = try IV2SLS(formula: "y ~ 0 + [x2 ~ C(g)]", data: Self.golden20()).fit()
    let d = try #require(dummies.firstStage?.diagnostics.first)
    expectClose(d.partialRSquared, 0.2562038376525394, rtol: 1e-10)
    expectClose(d.sheaRSquared, 0.2703545669920411, rtol: 1e-10)
    // A constant instrument explains nothing of the variation: linearmodels reports 0.
    let constant = try IV2SLS(formula: "y ~ 0 + [x1 ~ I(z1 * 0 + 1)]", data: Self.golden20()).fit()
    expectClose(try #require(constant.firstStage?.diagnostics.first).partialRSquared, 0, atol: 1e-12)
  }

  @Test func constantDependentVariableHasNoRSquared() throws {
    let table = try DataTable(columns: [("y", .numeric([5, 5, 5, 5, 5])), ("x", .numeric([1, 2, 4, 3, 5]))])
    let results = try OLS(formula: "y ~ x", data: table).fit()
    #expect(results.rsquared.isNaN)
    #expect(results.rsquaredAdjusted.isNaN)
  }

  @Test func overflowingDataIsAnErrorNotATableOfInfinities() throws {
    let table = try DataTable(columns: [
      ("y", .numeric([1, 2, 3, 4, 5, 6])), ("x", .numeric([1e200, 2e200, 1.5e200, 3e200, 2.5e200, 1e199])),
    ])
    #expect(throws: ModelError.nonFiniteCovariance) { try OLS(formula: "y ~ x", data: table).fit() }
  }
}
