import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// Loads `Fixtures/reference/<file>.json` (made with linearmodels 7.1 by
/// `Fixtures/scripts/make_linearmodels_goldens.py`) and the CSV it describes.
struct GoldenSet: @unchecked Sendable {
  let root: [String: Any]
  let data: DataTable

  init(_ file: String, data csv: String) throws {
    root = try #require(try Fixtures.json("reference/\(file).json") as? [String: Any])
    data = try DataTable(contentsOfCSVFile: Fixtures.url("data/\(csv)").path)
  }

  func model(_ name: String) throws -> (formula: String, fits: [String: [String: Any]]) {
    let models = try #require(root["models"] as? [String: Any])
    let model = try #require(models[name] as? [String: Any])
    return (try #require(model["formula"] as? String), try #require(model["fits"] as? [String: [String: Any]]))
  }
}

extension GoldenSet {
  /// Fits model `name` under every covariance setting its golden holds and compares
  /// everything (and, for IV models, the first stage and the tests).
  func checkEveryCovariance(
    model name: String, noisyFirstStage: Set<Int> = [], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (formula, fits) = try model(name)
    let model = try IV2SLS(formula: formula, data: data)
    #expect(!fits.isEmpty, "no fits for \(name)", sourceLocation: sourceLocation)
    #expect(Set(fits.keys).isSubset(of: covarianceCombinations.map(\.key)), sourceLocation: sourceLocation)
    for combination in covarianceCombinations {
      guard let fit = fits[combination.key] else { continue }
      let results = try model.fit(covariance: combination.covariance, debiased: combination.debiased)
      let label = "\(name) \(combination.key)"
      try checkFit(results, against: fit, label: label, sourceLocation: sourceLocation)
      if results.design.isInstrumental {
        try checkInstrumentDiagnostics(
          results, against: fit, label: label, noisyFirstStage: noisyFirstStage, sourceLocation: sourceLocation)
      }
    }
  }
}

/// The four fits every golden model has, keyed as in the JSON.
let covarianceCombinations: [(key: String, covariance: CovarianceEstimator, debiased: Bool)] = [
  ("robust", .robust, false), ("robust_debiased", .robust, true),
  ("unadjusted", .unadjusted, false), ("unadjusted_debiased", .unadjusted, true),
]

func doubles(_ value: Any?) -> [Double?] {
  (value as? [Any])?.map { $0 as? Double ?? ($0 as? Int).map(Double.init) } ?? []
}

func double(_ value: Any?) -> Double? { value as? Double ?? (value as? Int).map(Double.init) }

/// Compares every number of one fit with linearmodels' (closed-form: rtol 1e-8).
///
/// `noisy` lists parameter indices whose true value is 0 and whose computed value
/// is rounding noise (compared with an absolute tolerance; their derived statistics
/// are skipped).
func checkFit(
  _ r: RegressionResults, against g: [String: Any], label: String, noisy: Set<Int> = [],
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let rtol = 1e-8
  #expect(r.parameterNames == g["names"] as? [String], "\(label) names", sourceLocation: sourceLocation)
  #expect(r.method == g["method"] as? String, "\(label) method", sourceLocation: sourceLocation)
  #expect(r.nobs == g["nobs"] as? Int, "\(label) nobs", sourceLocation: sourceLocation)
  #expect(r.dfModel == g["df_model"] as? Int, sourceLocation: sourceLocation)
  #expect(r.dfResidual == g["df_resid"] as? Int, sourceLocation: sourceLocation)
  let intervals = try r.confidenceIntervals()
  let ci = g["conf_int"] as? [String: Any]
  let columns: [(String, [Double], [Double?])] = [
    ("params", r.params, doubles(g["params"])), ("std_errors", r.stdErrors, doubles(g["std_errors"])),
    ("tstats", r.tstats, doubles(g["tstats"])), ("pvalues", r.pvalues, doubles(g["pvalues"])),
    ("ci lower", intervals.map(\.lower), doubles(ci?["lower"])), ("ci upper", intervals.map(\.upper), doubles(ci?["upper"])),
  ]
  for (name, ours, theirs) in columns {
    #expect(ours.count == theirs.count, "\(label) \(name) count", sourceLocation: sourceLocation)
    for (i, (a, b)) in zip(ours, theirs).enumerated() {
      if noisy.contains(i) {
        if name == "params" { expectClose(a, 0, atol: 1e-12, "\(label) \(name)[\(i)]", sourceLocation: sourceLocation) }
        continue
      }
      guard let b else { continue }
      expectClose(a, b, rtol: rtol, atol: name == "pvalues" ? 1e-300 : 0, "\(label) \(name)[\(i)]", sourceLocation: sourceLocation)
    }
  }
  for (name, ours) in [
    ("rsquared", r.rsquared), ("rsquared_adj", r.rsquaredAdjusted), ("s2", r.s2), ("resid_ss", r.residualSumOfSquares),
    ("total_ss", r.totalSumOfSquares), ("model_ss", r.modelSumOfSquares),
  ] {
    expectClose(ours, try #require(double(g[name]), "\(label) \(name)"), rtol: rtol, "\(label) \(name)", sourceLocation: sourceLocation)
  }
  expectClose(Array(r.residuals.prefix(5)), doubles(g["resids_head5"]).compactMap { $0 }, rtol: rtol, "\(label) resids", sourceLocation: sourceLocation)
  expectClose(Array(r.fittedValues.prefix(5)), doubles(g["fitted_values_head5"]).compactMap { $0 }, rtol: rtol, "\(label) fitted", sourceLocation: sourceLocation)
  if let f = g["f_statistic"] as? [String: Any] {
    checkTest(r.fStatistic, against: f, label: "\(label) F", sourceLocation: sourceLocation)
  }
  if let cov = (g["cov"] as? [String: Any])?["matrix"] as? [[Double]] {
    for (i, row) in cov.enumerated() where !noisy.contains(i) {
      for (j, value) in row.enumerated() where !noisy.contains(j) {
        // Off-diagonal entries can be analytically zero: compare on the scale √(CᵢᵢCⱼⱼ).
        let scale = (r.covariance[i, i] * r.covariance[j, j]).squareRoot()
        expectClose(r.covariance[i, j], value, rtol: rtol, atol: 1e-12 * scale, "\(label) cov[\(i),\(j)]", sourceLocation: sourceLocation)
      }
    }
  }
}

/// Compares a test statistic with linearmodels' (stat, p-value, distribution, validity).
func checkTest(_ t: TestStatistic, against g: [String: Any], label: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let invalid = g["invalid"] as? Bool ?? false
  #expect(t.isValid == !invalid, "\(label) validity", sourceLocation: sourceLocation)
  guard !invalid else { return }
  expectClose(t.statistic, double(g["stat"]) ?? .nan, rtol: 1e-8, "\(label) stat", sourceLocation: sourceLocation)
  expectClose(t.pValue, double(g["pval"]) ?? .nan, rtol: 1e-8, atol: 1e-300, "\(label) pval", sourceLocation: sourceLocation)
  #expect(t.distribution.name == g["dist"] as? String, "\(label) dist", sourceLocation: sourceLocation)
}

/// Compares the first-stage diagnostics and regressions and the IV tests.
func checkInstrumentDiagnostics(
  _ r: RegressionResults, against g: [String: Any], label: String, noisyFirstStage: Set<Int> = [],
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let firstStage = try #require(r.firstStage, sourceLocation: sourceLocation)
  let golden = try #require(g["first_stage"] as? [String: Any], sourceLocation: sourceLocation)
  let diagnostics = try #require(golden["diagnostics"] as? [String: [String: Any]], sourceLocation: sourceLocation)
  let individual = try #require(golden["individual"] as? [String: [String: Any]], sourceLocation: sourceLocation)
  #expect(firstStage.diagnostics.map(\.endogenous) == g["endog_names"] as? [String], sourceLocation: sourceLocation)
  for (d, regression) in zip(firstStage.diagnostics, firstStage.regressions) {
    let gd = try #require(diagnostics[d.endogenous], sourceLocation: sourceLocation)
    expectClose(d.rsquared, double(gd["rsquared"]) ?? .nan, rtol: 1e-8, "\(label) fs rsquared", sourceLocation: sourceLocation)
    expectClose(d.partialRSquared, double(gd["partial.rsquared"]) ?? .nan, rtol: 1e-8, "\(label) fs partial", sourceLocation: sourceLocation)
    expectClose(d.sheaRSquared, double(gd["shea.rsquared"]) ?? .nan, rtol: 1e-8, "\(label) fs shea", sourceLocation: sourceLocation)
    expectClose(d.partialF.statistic, double(gd["f.stat"]) ?? .nan, rtol: 1e-8, "\(label) fs F", sourceLocation: sourceLocation)
    expectClose(d.partialF.pValue, double(gd["f.pval"]) ?? .nan, rtol: 1e-8, atol: 1e-300, "\(label) fs F p", sourceLocation: sourceLocation)
    #expect(d.partialF.distribution.name == gd["f.dist"] as? String, sourceLocation: sourceLocation)
    let gi = try #require(individual[d.endogenous], sourceLocation: sourceLocation)
    #expect(regression.parameterNames == gi["names"] as? [String], sourceLocation: sourceLocation)
    for (name, ours, theirs) in [
      ("params", regression.params, doubles(gi["params"])), ("se", regression.stdErrors, doubles(gi["std_errors"])),
      ("t", regression.tstats, doubles(gi["tstats"])),
    ] {
      for (i, (a, b)) in zip(ours, theirs).enumerated() {
        if noisyFirstStage.contains(i) {
          if name == "params" { expectClose(a, 0, atol: 1e-12, "\(label) fs \(name)[\(i)]", sourceLocation: sourceLocation) }
          continue
        }
        guard let b else { continue }
        expectClose(a, b, rtol: 1e-8, "\(label) fs \(name)[\(i)]", sourceLocation: sourceLocation)
      }
    }
  }
  let tests = try #require(g["tests"] as? [String: [String: Any]], sourceLocation: sourceLocation)
  for (key, test) in r.diagnosticTests {
    checkTest(test, against: try #require(tests[key], sourceLocation: sourceLocation), label: "\(label) \(key)", sourceLocation: sourceLocation)
  }
  #expect(
    r.diagnosticTests.map(\.key) == [
      "wu_hausman", "durbin", "sargan", "basmann", "basmann_f", "wooldridge_score", "wooldridge_regression",
      "wooldridge_overid", "anderson_rubin",
    ], sourceLocation: sourceLocation)
}
