public import LinearAlgebra
public import Regression

/// The four tests `grangercausalitytests` reports for each lag, by statsmodels' key.
public enum GrangerTest: String, CaseIterable, Sendable {
  /// `(ssr_r − ssr_u)/ssr_u/p · df_u` on F(p, df_u).
  case ssrFTest = "ssr_ftest"
  /// `n_p · (ssr_r − ssr_u)/ssr_u` on χ²(p).
  case ssrChiSquaredTest = "ssr_chi2test"
  /// `−2(llf_r − llf_u)` on χ²(p).
  case likelihoodRatioTest = "lrtest"
  /// The Wald F test that the cause's lag coefficients are zero, on F(J, df_u).
  case paramsFTest = "params_ftest"

  /// The statsmodels key (`lrtest`), also accepted by `init(rawValue:)`.
  public var key: String { rawValue }
}

/// One lag's tests of "the cause does not Granger-cause the effect", with both regressions.
public struct GrangerLagResult: Sendable {
  /// The lag order p: the models use lags 1…p.
  public let lag: Int
  /// Observations in both regressions: n − p.
  public let observations: Int
  /// `ssr_ftest`.
  public let ssrFTest: TestStatistic
  /// `ssr_chi2test`.
  public let ssrChiSquaredTest: TestStatistic
  /// `lrtest` (the seed's choice).
  public let likelihoodRatioTest: TestStatistic
  /// `params_ftest`.
  public let paramsFTest: TestStatistic
  /// The restricted model: the effect on its own lags (and any conditioning series' lags), then a constant.
  public let restricted: LeastSquaresFit
  /// The unrestricted model: the restricted regressors with the cause's lags inserted before the constant.
  public let unrestricted: LeastSquaresFit
  /// statsmodels' `Rm`: the p×k restriction selecting the cause's lag coefficients.
  public let restriction: Matrix
  /// Whether the cause's lags add fewer than p dimensions to the restricted design (a series
  /// tested against itself). When they add none, the ssr and likelihood-ratio tests are reported
  /// as statistic 0 with p-value 1; `params_ftest` is statsmodels' pinv-based Wald test either way.
  public let isDegenerate: Bool

  /// The test with statsmodels' key.
  public subscript(test: GrangerTest) -> TestStatistic {
    switch test {
    case .ssrFTest: ssrFTest
    case .ssrChiSquaredTest: ssrChiSquaredTest
    case .likelihoodRatioTest: likelihoodRatioTest
    case .paramsFTest: paramsFTest
    }
  }

  /// The four tests in statsmodels' order.
  public var tests: [TestStatistic] { GrangerTest.allCases.map { self[$0] } }
}

/// `grangercausalitytests` for one (effect, cause) pair: one ``GrangerLagResult`` per lag, in the order asked for.
public struct GrangerCausalityResult: Sendable {
  /// The series whose prediction is tested (statsmodels' column 0).
  public let effect: String
  /// The candidate cause (statsmodels' column 1).
  public let cause: String
  /// Series whose lags are in both models (empty for the bivariate test).
  public let conditioning: [String]
  /// The results, one per lag.
  public let lags: [GrangerLagResult]

  /// The result for lag `p`, if it was tested.
  public subscript(lag p: Int) -> GrangerLagResult? { lags.first { $0.lag == p } }
}
