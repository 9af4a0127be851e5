import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// The absorbing fit against linearmodels 7.1 (which builds the 49 dummy columns) on a
/// 2 000-row sample of the issue-8 workload: 62 parameters, two endogenous regressors,
/// ten instruments (`Fixtures/scripts/make_workload_goldens.py`).
@Suite("Absorbing fit against linearmodels on the workload sample")
struct AbsorbingWorkloadGoldenTests {
  struct Golden: Decodable {
    struct Stage: Decodable {
      let rsquared: Double
      let partial_rsquared: Double
      let shea_rsquared: Double
      let partial_f: Double
    }
    struct Fit: Decodable {
      let cov_type: String
      let debiased: Bool
      let names: [String]
      let params: [Double]
      let std_errors: [Double]
      let rsquared: Double
      let f_statistic: Double
      let first_stage: [String: Stage]
      let tests: [String: Double]
    }
    let formula: String
    let fits: [Fit]
  }

  @Test func matchesLinearmodels() throws {
    let golden = try JSONDecoder().decode(
      Golden.self, from: Data(try Fixtures.text("reference/iv_workload_2000.json").utf8))
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/iv_workload_2000.csv").path)
    let model = try AbsorbingIV2SLS(formula: golden.formula, data: data)
    #expect(model.design.absorbed.groupCount == 50)
    #expect(model.design.design.exogenous.columns == 10, "no dummy columns are made")
    for fit in golden.fits {
      let label = "\(fit.cov_type) debiased \(fit.debiased)"
      let covariance: CovarianceEstimator =
        switch fit.cov_type {
        case "clustered": .clustered(["g"])
        case "unadjusted": .unadjusted
        default: .robust
        }
      let results = try model.fit(covariance: covariance, debiased: fit.debiased)
      #expect(results.parameterNames == fit.names, "\(label)")
      expectClose(results.params, fit.params, rtol: 1e-8, atol: 1e-13, "\(label) params")
      expectClose(results.stdErrors, fit.std_errors, rtol: 1e-8, "\(label) std errors")
      expectClose(results.rsquared, fit.rsquared, rtol: 1e-10, "\(label) R²")
      if fit.cov_type == "clustered" {
        // 50 clusters cannot support a Wald test of 61 coefficients (the covariance has rank
        // 49): linearmodels prints noise (~1e18), we report the test as unavailable.
        #expect(!results.fStatistic.isValid && fit.f_statistic > 1e15)
      } else {
        expectClose(results.fStatistic.statistic, fit.f_statistic, rtol: 1e-8, "\(label) model F")
      }
      let firstStage = try #require(results.firstStage)
      for diagnostic in firstStage.diagnostics {
        let reference = try #require(fit.first_stage[diagnostic.endogenous])
        expectClose(diagnostic.rsquared, reference.rsquared, rtol: 1e-10, "\(label) first-stage R²")
        expectClose(diagnostic.partialRSquared, reference.partial_rsquared, rtol: 1e-9, "\(label) partial R²")
        expectClose(diagnostic.sheaRSquared, reference.shea_rsquared, rtol: 1e-9, "\(label) Shea")
        expectClose(diagnostic.partialF.statistic, reference.partial_f, rtol: 1e-8, "\(label) partial F")
      }
      let tests = Dictionary(uniqueKeysWithValues: results.diagnosticTests.map { ($0.key, $0.test.statistic) })
      for (key, value) in fit.tests {
        expectClose(tests[key] ?? .nan, value, rtol: 1e-8, "\(label) \(key)")
      }
    }
  }
}
