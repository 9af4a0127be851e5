import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// Seed 003 (app push) and seed 000 (smoking): every number of
/// `seed-examples.md` §1–2 against linearmodels 7.1 at full precision.
@Suite("Seed examples reproduce linearmodels")
struct SeedExampleTests {
  @Test("app push: four models × four covariance settings", arguments: ["assigned", "delivered", "both", "iv"])
  func appPush(model name: String) throws {
    // The first-stage intercept is exactly 0 (no push without assignment): rounding noise in both tools.
    try GoldenSet("app_push", data: "app_engagement_push.csv").checkEveryCovariance(model: name, noisyFirstStage: [0])
  }

  @Test func appPushHeadlineNumbers() throws {
    let golden = try GoldenSet("app_push", data: "app_engagement_push.csv")
    let iv = try IV2SLS(formula: "in_app_purchase ~ [push_delivered ~ push_assigned]", data: golden.data).fit()
    expectClose(iv.params[1], 3.2938, rtol: 2e-5)
    expectClose(iv.stdErrors[1], 0.7165, rtol: 1e-4)
    expectClose(iv.fStatistic.statistic, 21.136, rtol: 1e-4)
    let firstStage = try #require(iv.firstStage)
    expectClose(firstStage.diagnostics[0].partialF.statistic, 1.256e4, rtol: 1e-3)
    expectClose(try #require(iv.wuHausman).statistic, 553.0194, rtol: 1e-7)
    expectClose(try #require(iv.durbin).statistic, 524.1880, rtol: 1e-7)
    #expect(try #require(iv.wuHausman).distribution == .f(1, 9997))
  }

  @Test("smoking: IV and the two OLS fits", arguments: ["iv", "ols_naive", "ols_ses"])
  func smoking(model name: String) throws {
    let golden = try GoldenSet("smoking", data: "smoking_birthweight.csv")
    guard name == "ols_ses" else { return try golden.checkEveryCovariance(model: name) }
    // birthweight = 3000 + ses − 2·cigarettes exactly (R² = 1): only the parameters are meaningful.
    let results = try IV2SLS(formula: try golden.model(name).formula, data: golden.data).fit()
    expectClose(results.params, [3000, -2, 1], rtol: 1e-10)
  }

  @Test func smokingHeadlineNumbers() throws {
    let golden = try GoldenSet("smoking", data: "smoking_birthweight.csv")
    let robust = try IV2SLS(formula: "birthweight ~ [cigarettes ~ taxes]", data: golden.data).fit()
    expectClose(robust.params[1], -1.9837493551945145, rtol: 1e-8)
    expectClose(robust.params[0], 3001.890772, rtol: 1e-9)
    expectClose(robust.stdErrors, [0.217726, 0.042834], rtol: 2e-5)  // published to 6 decimals
    let unadjusted = try IV2SLS(formula: "birthweight ~ [cigarettes ~ taxes]", data: golden.data).fit(covariance: .unadjusted)
    expectClose(unadjusted.tstats[1], -47.398, rtol: 1e-5)
    let fs = try #require(unadjusted.firstStage).diagnostics[0]
    expectClose(fs.rsquared, 0.269316, rtol: 1e-6)
    expectClose(fs.partialF.statistic, 737.160738, rtol: 1e-9)
    #expect(fs.partialF.distribution == .f(1, 1998))
    expectClose(try #require(robust.firstStage).diagnostics[0].partialF.statistic, 744.482509, rtol: 1e-9)
    let naive = try OLS(formula: "birthweight ~ cigarettes", data: golden.data).fit()
    expectClose(naive.params[1], -2.4652, rtol: 2e-5)
  }

  @Test func smokingCorrelationsAndTwoStagesByHand() throws {
    let golden = try GoldenSet("smoking", data: "smoking_birthweight.csv")
    let correlation = try #require(golden.root["correlation"] as? [String: Any])
    let names = try #require(correlation["names"] as? [String])
    let matrix = try #require(correlation["matrix"] as? [[Double]])
    let columns = try names.map { name in
      guard case .numeric(let values)? = golden.data[name] else { throw ModelError.noRegressors }
      return values
    }
    for i in names.indices {
      for j in names.indices {
        expectClose(SampleStatistics.correlation(columns[i], columns[j]), matrix[i][j], rtol: 1e-12, atol: 1e-15, "corr \(names[i]) \(names[j])")
      }
    }
    // Two stages by hand, as the seed does it: OLS, predict, OLS again.
    let byHand = try #require(golden.root["by_hand_two_stage"] as? [String: Any])
    let first = try OLS(formula: "cigarettes ~ taxes", data: golden.data).fit()
    expectClose(first.params, try #require(byHand["first_stage_params"] as? [Double]), rtol: 1e-12)
    let tHat = first.fittedValues
    let second = try OLS(design: DesignMatrices(
      dependentName: "birthweight", dependent: columns[3],
      exogenous: Matrix(columns: [[Double](repeating: 1, count: tHat.count), tHat]), exogenousNames: ["Intercept", "T_hat"])).fit()
    expectClose(second.params, try #require(byHand["second_stage_params"] as? [Double]), rtol: 1e-10)
    expectClose(SampleStatistics.correlation(tHat, columns[2]), try #require(byHand["corr_T_hat_ses"] as? Double), rtol: 1e-10)
  }
}
