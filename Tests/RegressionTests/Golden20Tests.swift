import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// The 20-row data set of `linearmodels-iv.md` §10 (one and two endogenous regressors, and OLS).
@Suite("Golden 20-row data set")
struct Golden20Tests {
  @Test(arguments: ["iv", "ols", "two_endog"])
  func allCovarianceSettings(model name: String) throws {
    try GoldenSet("golden20", data: "golden20.csv").checkEveryCovariance(model: name)
  }

  @Test func publishedValues() throws {
    let golden = try GoldenSet("golden20", data: "golden20.csv")
    let model = try IV2SLS(formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", data: golden.data)
    let robust = try model.fit()
    expectClose(robust.params, [1.2212564071472733, 0.4319085096491743, 1.8370601497546073], rtol: 1e-10)
    expectClose(robust.stdErrors, [0.23020272725062732, 0.24574802083871566, 0.21498207679667708], rtol: 1e-10)
    expectClose(robust.fStatistic.statistic, 138.7322913271309, rtol: 1e-10)
    let unadjusted = try model.fit(covariance: .unadjusted)
    expectClose(try #require(unadjusted.sargan).statistic, 0.07109715400801297, rtol: 1e-10)
    expectClose(try #require(unadjusted.durbin).statistic, 6.525399500862985, rtol: 1e-10)
    expectClose(try #require(unadjusted.wuHausman).statistic, 7.748384972192274, rtol: 1e-10)
    let debiased = try model.fit(covariance: .unadjusted, debiased: true)
    expectClose(debiased.pvalues, [8.318404059587027e-05, 0.1340970577308548, 9.646182883843616e-07], rtol: 1e-9)
    expectClose(debiased.fStatistic.statistic, 46.42586994597464, rtol: 1e-10)
    #expect(debiased.fStatistic.distribution == .f(2, 17))
  }
}

@Suite("Model errors")
struct ModelErrorTests {
  let ones = [Double](repeating: 1, count: 5)
  let x = [1.0, 2, 3, 4, 6]

  @Test func collinearRegressorsAreNamedWithTheirRelation() {
    let data = DesignMatrices(
      dependent: [1, 2, 3, 5, 4], exogenous: Matrix(columns: [ones, x, x.map { 2 * $0 - 1 }]),
      exogenousNames: ["Intercept", "x", "w"])
    #expect(throws: ModelError.collinear(role: "regressors", columns: ["w"], relations: ["w = -1·Intercept + 2·x"])) {
      try OLS(design: data).fit()
    }
  }

  @Test func constantInstrumentIsCollinearWithTheIntercept() {
    let data = DesignMatrices(
      dependent: [1, 2, 3, 5, 4], exogenous: Matrix(columns: [ones]), exogenousNames: ["Intercept"],
      endogenous: Matrix(columns: [x]), endogenousNames: ["t"],
      instruments: Matrix(columns: [ones.map { 3 * $0 }]), instrumentNames: ["z"])
    #expect(throws: ModelError.collinear(role: "instruments", columns: ["z"], relations: ["z = 3·Intercept"])) {
      try IV2SLS(design: data).fit()
    }
  }

  @Test func tooFewObservations() {
    let data = DesignMatrices(dependent: [1, 2], exogenous: Matrix(columns: [[1, 1], [1, 2]]), exogenousNames: ["Intercept", "x"])
    #expect(throws: ModelError.insufficientObservations(observations: 2, parameters: 2)) { try OLS(design: data).fit() }
  }

  @Test func nonFiniteDataIsNotMistakenForCollinearity() {
    let data = DesignMatrices(
      dependent: [1, 2, 3, 5, 4], exogenous: Matrix(columns: [ones, [1, 2, .infinity, 4, 5]]), exogenousNames: ["Intercept", "x"])
    #expect(throws: ModelError.nonFiniteValue(column: "x", row: 3, value: .infinity)) { try OLS(design: data).fit() }
  }

  @Test func invalidConfidenceLevel() throws {
    let data = DesignMatrices(dependent: [1, 2, 3, 5, 4], exogenous: Matrix(columns: [ones, x]), exogenousNames: ["Intercept", "x"])
    let results = try OLS(design: data).fit()
    #expect(throws: ModelError.invalidLevel(1.5)) { try results.confidenceIntervals(level: 1.5) }
  }

  @Test func olsRejectsAnIVFormula() throws {
    let table = try DataTable(columns: [("y", .numeric([1, 2, 3])), ("t", .numeric([1, 3, 2])), ("z", .numeric([0, 1, 1]))])
    #expect(throws: ModelError.instrumentsInOLS) { try OLS(formula: "y ~ [t ~ z]", data: table) }
  }
}
