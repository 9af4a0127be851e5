import Foundation
import Regression
import Tabular
import TestSupport
import Testing

/// Stock–Yogo table look-ups (spec §3), the tF critical value function (§6, §8.4),
/// verdicts and invalid cases.
@Suite("Weak instruments: Stock-Yogo, tF, verdicts")
struct WeakInstrumentsTablesTests {
  static func mroz() throws -> DataTable { try DataTable(contentsOfCSVFile: Fixtures.url("data/mroz_wage.csv").path) }

  @Test func stockYogoLookups() {
    // Published values are exact two-decimal numbers: compare exactly.
    #expect(StockYogoCriticalValue.value(.tslsMaximalSize, threshold: 0.10, endogenous: 1, instruments: 1)?.criticalValue == 16.38)
    #expect(StockYogoCriticalValue.value(.tslsMaximalSize, threshold: 0.25, endogenous: 1, instruments: 30)?.criticalValue == 23.65)
    #expect(StockYogoCriticalValue.value(.tslsMaximalSize, threshold: 0.15, endogenous: 2, instruments: 4)?.criticalValue == 9.93)
    #expect(StockYogoCriticalValue.values(.tslsMaximalSize, endogenous: 1, instruments: 2).map(\.criticalValue) == [19.93, 11.59, 8.75, 7.25])
    #expect(StockYogoCriticalValue.values(.tslsRelativeBias, endogenous: 1, instruments: 3).map(\.criticalValue) == [13.91, 9.08, 6.46, 5.39])
    #expect(StockYogoCriticalValue.values(.tslsRelativeBias, endogenous: 3, instruments: 5).map(\.criticalValue) == [9.53, 6.61, 4.99, 4.30])
    #expect(StockYogoCriticalValue.values(.tslsRelativeBias, endogenous: 2, instruments: 30).map(\.criticalValue) == [20.86, 11.05, 5.99, 4.23])
    #expect(StockYogoCriticalValue.values(.limlMaximalSize, endogenous: 2, instruments: 29).map(\.criticalValue) == [4.02, 2.39, 1.95, 1.76])
    #expect(StockYogoCriticalValue.values(.limlMaximalSize, endogenous: 1, instruments: 1).map(\.criticalValue) == [16.38, 8.96, 6.66, 5.53])
    // Outside the tables.
    #expect(StockYogoCriticalValue.values(.tslsMaximalSize, endogenous: 2, instruments: 1).isEmpty)
    #expect(StockYogoCriticalValue.values(.tslsMaximalSize, endogenous: 3, instruments: 5).isEmpty)
    #expect(StockYogoCriticalValue.values(.tslsMaximalSize, endogenous: 1, instruments: 31).isEmpty)
    #expect(StockYogoCriticalValue.values(.tslsRelativeBias, endogenous: 1, instruments: 2).isEmpty)
    #expect(StockYogoCriticalValue.values(.tslsRelativeBias, endogenous: 2, instruments: 3).isEmpty)
    #expect(StockYogoCriticalValue.values(.tslsRelativeBias, endogenous: 4, instruments: 10).isEmpty)
    #expect(StockYogoCriticalValue.value(.tslsMaximalSize, threshold: 0.12, endogenous: 1, instruments: 3) == nil)
    #expect(StockYogoCriticalValue.value(.tslsMaximalSize, threshold: 0.10, endogenous: 0, instruments: 3) == nil)
  }

  @Test func stockYogoInResults() throws {
    let data = try Self.mroz()
    let formula = "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc]"
    let tsls = try #require(try IV2SLS(formula: formula, data: data).fit(covariance: .unadjusted).weakInstruments)
    #expect(tsls.stockYogo.map(\.criticalValue) == [19.93, 11.59, 8.75, 7.25])
    #expect(tsls.stockYogo.first?.label == "10% maximal TSLS size")
    #expect(tsls.verdict == "strong: effective F 55.4 > 19.29 critical value (τ = 10%)", "\(tsls.verdict)")
    let liml = try #require(try IVLIML(formula: formula, data: data).fit(covariance: .unadjusted).weakInstruments)
    #expect(liml.stockYogo.map(\.criticalValue) == [8.68, 5.33, 4.42, 3.92])
    #expect(liml.stockYogo.allSatisfy { $0.criterion == .limlMaximalSize })
    let two = try #require(
      try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ + age ~ fatheduc + motheduc + huswage + kidslt6]", data: data)
        .fit(covariance: .unadjusted).weakInstruments)
    #expect(two.stockYogo.map(\.criticalValue) == [16.87, 9.93, 7.54, 6.28, 11.04, 7.56, 5.57, 4.73])
    #expect(two.effectiveF == nil && two.andersonRubin == nil && two.tF == nil)
    #expect(two.verdict == "strong: Cragg-Donald F 17.62 > 16.87 (10% maximal TSLS size)", "\(two.verdict)")
    let robustTwo = try #require(
      try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ + age ~ fatheduc + motheduc + huswage + kidslt6]", data: data)
        .fit().weakInstruments)
    #expect(robustTwo.verdict == "strong: Kleibergen-Paap F 23.47 > 16.87 (10% maximal TSLS size)", "\(robustTwo.verdict)")
  }

  @Test func olsHasNoDiagnostics() throws {
    let ols = try OLS(formula: "lwage ~ 1 + educ + exper", data: Self.mroz()).fit()
    #expect(ols.weakInstruments == nil)
    #expect(!ols.andersonRubinTest(beta0: 0).isValid)
  }

  @Test func twoWayClusteringIsInvalidForKleibergenPaap() throws {
    let model = try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc]", data: Self.mroz())
    let ids = (0..<428).map { $0 % 7 }
    let weak = try #require(try model.fit(covariance: .clustered(.groups([ids, (0..<428).map { $0 % 5 }]))).weakInstruments)
    #expect(!weak.kleibergenPaapRkLM.isValid)
    #expect(weak.kleibergenPaapRkWaldF == nil)
    #expect(weak.craggDonald.isValid)
    #expect(weak.effectiveF == nil)
  }

  /// The ivDiag/LMMP table (§6): grid points exactly, interpolation in √F, the ends.
  @Test func tFCriticalValueFunction() {
    #expect(TFCriticalValue.criticalValue(firstStageF: 4) == 18.66)
    #expect(TFCriticalValue.criticalValue(firstStageF: 3.99) == .infinity)
    #expect(TFCriticalValue.criticalValue(firstStageF: 104.8) == 1.96)
    expectClose(TFCriticalValue.criticalValue(firstStageF: 9), 3.65, rtol: 1e-12)
    expectClose(TFCriticalValue.criticalValue(firstStageF: 104.04), 1.97, rtol: 1e-12)
    expectClose(TFCriticalValue.criticalValue(firstStageF: 2.05 * 2.05), (18.66 + 9.74) / 2, rtol: 1e-9)
    #expect(TFCriticalValue.criticalValue(firstStageF: 10) > TFCriticalValue.criticalValue(firstStageF: 11))
  }

  /// §8.4: `[educ ~ motheduc]` under three covariances (c interpolated; CI closed form, 1e-8).
  @Test(arguments: [
    (CovarianceEstimator.unadjusted, true, 73.94594340509428, 0.03743602564367653, 2.04, -0.027106541624254563, 0.1256324430019457),
    (.robust, false, 71.92528861588818, 0.03786140417198834, 2.04191221789317, -0.02804671307652888, 0.12657261445422002),
    (.robust, true, 71.25308965686122, 0.038039576469849644, 2.0458845478439502, -0.02856163101734814, 0.12708753239503928),
  ])
  func tFGolden(
    _ covariance: CovarianceEstimator, _ debiased: Bool, _ f: Double, _ se: Double, _ c: Double, _ lower: Double, _ upper: Double
  ) throws {
    let results = try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ ~ motheduc]", data: Self.mroz())
      .fit(covariance: covariance, debiased: debiased)
    let tF = try #require(results.weakInstruments?.tF)
    expectClose(tF.estimate, 0.049262950688845564, rtol: 1e-10)
    expectClose(tF.firstStageF, f, rtol: 1e-8)
    expectClose(tF.standardError, se, rtol: 1e-8)
    expectClose(tF.criticalValue, c, rtol: 1e-10)
    expectClose(tF.confidenceInterval.lower, lower, rtol: 1e-8)
    expectClose(tF.confidenceInterval.upper, upper, rtol: 1e-8)
    #expect(!tF.rejects(beta0: 0))
  }

  @Test func tFFatherEducation() throws {
    let results = try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ ~ fatheduc]", data: Self.mroz())
      .fit(covariance: .unadjusted, debiased: true)
    let tF = try #require(results.weakInstruments?.tF)
    expectClose(tF.firstStageF, 87.74088877695918, rtol: 1e-8)
    expectClose(tF.criticalValue, 2.00, rtol: 1e-10)
    expectClose(tF.confidenceInterval.lower, 0.0013409036492398746, rtol: 1e-7)
    expectClose(tF.confidenceInterval.upper, 0.13911167998794471, rtol: 1e-8)
    #expect(tF.rejects(beta0: 0))
    // Two instruments: no tF.
    let two = try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc]", data: Self.mroz()).fit()
    #expect(try #require(two.weakInstruments).tF == nil)
  }
}
