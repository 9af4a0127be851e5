import Foundation
import Formulas
import Penalized
import Regression
import SparseIV
import Tabular
import TestSupport
import Testing

/// Post-LASSO IV with the plug-in penalty on the simulated A/B tests of seed 004
/// (β = 2), against linearmodels 7.1 on the instruments the hdm re-implementation
/// selects. The 2SLS numbers are closed form on a given selection: 1e-8 relative.
@Suite("post-LASSO IV, plug-in selection")
struct PlugInSelectionTests {
  static let data: DataTable? = try? DataTable(contentsOfCSVFile: Fixtures.url("data/ab_tests_iv.csv").path)
  static let nullData: DataTable? = try? DataTable(contentsOfCSVFile: Fixtures.url("data/ab_tests_null.csv").path)
  static let formula = "y ~ 1 + c1 + c2 + [x ~ m*]"

  @Test func selectsTheFourStrongTestsAndReproducesTheIVFit() throws {
    let golden = try ABTestsGoldens.load()
    let expected = try #require(golden.fit(golden.ab_tests_iv, selection: "plugin_rlasso_partialled"))
    let model = try IV2SLS(formula: Self.formula, data: try #require(Self.data), instrumentSelection: .plugIn())
    let report = try #require(model.instrumentSelection)
    #expect(report.selected == ["m7", "m23", "m41", "m62"])
    #expect(report.candidates.count == 100)
    #expect(report.controls == "partialled out")
    #expect(model.design.instrumentNames == ["m7", "m23", "m41", "m62"])
    for (covariance, fit) in [(CovarianceEstimator.robust, expected.robust), (.unadjusted, expected.unadjusted)] {
      let results = try model.fit(covariance: covariance)
      #expect(results.parameterNames == ["Intercept", "c1", "c2", "x"])
      expectClose(results.params, fit.params, rtol: 1e-8)
      expectClose(results.stdErrors, fit.std_errors, rtol: 1e-8)
      #expect(results.nobs == fit.nobs)
      #expect(results.instrumentSelection?.selections == report.selections)
      let effective = try #require(results.instrumentSelection?.effectiveF)
      #expect(effective == results.weakInstruments?.effectiveF?.statistic)
    }
    let f = try #require(report.selections.first?.firstStageF)
    expectClose(f.statistic, expected.first_stage_post_lasso.F, rtol: 1e-10)
    #expect(f.distribution == .f(expected.first_stage_post_lasso.df_num, expected.first_stage_post_lasso.df_denom))
    expectClose(f.pValue, expected.first_stage_post_lasso.pvalue, rtol: 1e-8)
    let robust = try #require(report.selections.first?.robustFirstStageF)
    expectClose(robust, expected.first_stage_post_lasso.robust_wald_over_k_hc0, rtol: 1e-8)
  }

  @Test func theTrueEffectIsInsideTheIntervalAndNaiveOLSIsNot() throws {
    let data = try #require(Self.data)
    let iv = try IV2SLS(formula: Self.formula, data: data, instrumentSelection: .plugIn()).fit()
    let ols = try IV2SLS(formula: "y ~ 1 + c1 + c2 + x", data: data).fit()
    let (ivLow, ivHigh) = (iv.params[3] - 1.959963984540054 * iv.stdErrors[3], iv.params[3] + 1.959963984540054 * iv.stdErrors[3])
    let (olsLow, olsHigh) = (ols.params[3] - 1.959963984540054 * ols.stdErrors[3], ols.params[3] + 1.959963984540054 * ols.stdErrors[3])
    #expect(ivLow < 2 && 2 < ivHigh)
    #expect(!(olsLow < 2 && 2 < olsHigh))
  }

  @Test func nothingSelectedIsAClearErrorWithTheSupScoreSet() throws {
    let data = try #require(Self.nullData)
    let design = try DesignMatrices(formula: Formula(Self.formula), data: data)
    let outcome = try LassoInstrumentSelector(.plugIn()).select(design, data: data)
    #expect(outcome.report.selected.isEmpty)
    #expect(outcome.report.hasEmptySelection)
    let set = try #require(outcome.report.supScoreSet)
    #expect(set.intervals.count == 2)  // [−4, 3.197] ∪ [6.743, 8] on the golden's grid: uninformative
    do {
      _ = try outcome.model()
      Issue.record("an empty selection must not give a model")
    } catch let error as InstrumentSelectionError {
      let message = "\(error)"
      #expect(message.contains("selected no instrument for x among 50 candidates"))
      #expect(message.contains("sup-score 95% confidence set"))
    }
  }

  @Test func aFormulaWithoutCandidatesIsRejected() throws {
    let data = try #require(Self.data)
    #expect(throws: InstrumentSelectionError.self) {
      try IV2SLS(formula: "y ~ 1 + x", data: data, instrumentSelection: .plugIn())
    }
  }
}
