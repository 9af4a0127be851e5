import Foundation
import TestSupport

/// `Fixtures/reference/lasso_cv/ab_tests_iv.json` (linearmodels 7.1 on the selections of
/// cv.glmnet, the hdm plug-in re-implementation, the oracle and all candidates; see
/// `Fixtures/scripts/make_ab_iv_goldens.py`).
struct ABTestsGoldens: Decodable {
  struct Fit: Decodable {
    let names: [String]
    let params: [Double]
    let std_errors: [Double]
    let conf_int_lower: [Double]
    let conf_int_upper: [Double]
    let nobs: Int
    let beta_in_ci: Bool
  }
  struct FirstStage: Decodable {
    let F: Double
    let df_num: Int
    let df_denom: Int
    let pvalue: Double
    let robust_wald_over_k_hc0: Double
  }
  struct IVFit: Decodable {
    let instruments: [String]
    let k: Int
    let formula: String
    let robust: Fit
    let unadjusted: Fit
    let first_stage_post_lasso: FirstStage
  }
  struct DataSet: Decodable {
    let selections: [String: [Int]]
    let selection_to_fit: [String: String?]
    let iv2sls: [String: IVFit]
  }
  let ab_tests_iv: DataSet
  let ab_tests_null: DataSet

  static func load() throws -> ABTestsGoldens {
    try JSONDecoder().decode(
      ABTestsGoldens.self, from: Data(contentsOf: Fixtures.url("reference/lasso_cv/ab_tests_iv.json")))
  }

  /// The linearmodels fit for a selection key (nil when the selection is empty).
  func fit(_ dataSet: DataSet, selection: String) -> IVFit? {
    guard let key = dataSet.selection_to_fit[selection] ?? nil else { return nil }
    return dataSet.iv2sls[key]
  }
}
