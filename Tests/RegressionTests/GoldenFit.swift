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
      // An interval bound near zero is β ± q·se with cancellation: compare it on the scale |β| + 2·se.
      let atol =
        name == "pvalues" ? 1e-300 : name.hasPrefix("ci") ? rtol * (abs(r.params[i]) + 2 * r.stdErrors[i]) : 0
      expectClose(a, b, rtol: name == "pvalues" ? pValueTolerance(b, rtol) : rtol, atol: atol, "\(label) \(name)[\(i)]", sourceLocation: sourceLocation)
    }
  }
  // rsquared and rsquared_adj are in every golden; the sums of squares and residuals in some.
  #expect(g["rsquared"] != nil, "\(label) golden without rsquared", sourceLocation: sourceLocation)
  for (name, ours) in [
    ("rsquared", r.rsquared), ("rsquared_adj", r.rsquaredAdjusted), ("s2", r.s2), ("resid_ss", r.residualSumOfSquares),
    ("total_ss", r.totalSumOfSquares), ("model_ss", r.modelSumOfSquares),
  ] {
    guard let expected = double(g[name]) else { continue }
    expectClose(ours, expected, rtol: rtol, "\(label) \(name)", sourceLocation: sourceLocation)
  }
  if g["resids_head5"] != nil {
    expectClose(Array(r.residuals.prefix(5)), doubles(g["resids_head5"]).compactMap { $0 }, rtol: rtol, "\(label) resids", sourceLocation: sourceLocation)
    expectClose(Array(r.fittedValues.prefix(5)), doubles(g["fitted_values_head5"]).compactMap { $0 }, rtol: rtol, "\(label) fitted", sourceLocation: sourceLocation)
  }
  if let kappa = double(g["kappa"]) {
    expectClose(r.kappa, kappa, rtol: rtol, "\(label) kappa", sourceLocation: sourceLocation)
  }
  if let f = g["f_statistic"] as? [String: Any] {
    if let clusters = r.clusterCounts, clusters.count == 1, clusters[0] <= r.dfModel - 1 {
      // One-way clusters no more than the tested parameters: the covariance has rank ≤ G − 1,
      // linearmodels inverts a singular matrix (noise); we report no test.
      #expect(!r.fStatistic.isValid, "\(label) F with \(clusters) clusters", sourceLocation: sourceLocation)
    } else {
      // With few clusters the cluster-robust covariance is nearly singular, and differences of
      // ~1e-13 in its entries grow by its condition number into ~1e-8–1e-7 in the Wald
      // statistic (fertility: 7 clusters, 18 parameters; card: two-way); 1e-6 there.
      let tolerance = r.clusterCounts == nil ? 1e-8 : 1e-6
      checkTest(r.fStatistic, against: f, label: "\(label) F", rtol: tolerance, sourceLocation: sourceLocation)
    }
  }
  if let cov = (g["cov"] as? [String: Any])?["matrix"] as? [[Double]] {
    for (i, row) in cov.enumerated() where !noisy.contains(i) {
      for (j, value) in row.enumerated() where !noisy.contains(j) {
        // Covariances are accurate on the scale of the variances (|Cᵢⱼ| ≤ √(CᵢᵢCⱼⱼ)); an
        // off-diagonal entry can be 0 or small by cancellation, so compare it on that scale.
        let scale = abs(r.covariance[i, i] * r.covariance[j, j]).squareRoot()  // two-way: may be indefinite
        expectClose(r.covariance[i, j], value, rtol: rtol, atol: rtol * scale, "\(label) cov[\(i),\(j)]", sourceLocation: sourceLocation)
      }
    }
  }
}

/// The tolerance for a p-value whose statistic agrees to `rtol`: a far-tail p-value
/// moves by about |ln p| times the statistic's relative error (p ≈ e^(−stat/2) for χ²),
/// so p = 1e-275 from a statistic equal to 1e-10 differs by ~6e-8 relative.
func pValueTolerance(_ p: Double, _ rtol: Double) -> Double {
  p > 0 && p < 1 ? rtol * max(1, -log(p)) * 10 : rtol
}

/// Compares a test statistic with linearmodels' (stat, p-value, distribution, validity).
func checkTest(
  _ t: TestStatistic, against g: [String: Any], label: String, rtol: Double = 1e-8,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let invalid = g["invalid"] as? Bool ?? false
  #expect(t.isValid == !invalid, "\(label) validity", sourceLocation: sourceLocation)
  guard !invalid else { return }
  expectClose(t.statistic, double(g["stat"]) ?? .nan, rtol: rtol, "\(label) stat", sourceLocation: sourceLocation)
  let p = double(g["pval"]) ?? .nan
  expectClose(t.pValue, p, rtol: pValueTolerance(p, rtol), atol: 1e-300, "\(label) pval", sourceLocation: sourceLocation)
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
    let p = double(gd["f.pval"]) ?? .nan
    expectClose(d.partialF.pValue, p, rtol: pValueTolerance(p, 1e-8), atol: 1e-300, "\(label) fs F p", sourceLocation: sourceLocation)
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
  guard let tests = g["tests"] as? [String: [String: Any]] else { return }
  for (key, test) in r.diagnosticTests {
    checkTest(test, against: try #require(tests[key], sourceLocation: sourceLocation), label: "\(label) \(key)", sourceLocation: sourceLocation)
  }
  #expect(
    r.diagnosticTests.map(\.key) == [
      "wu_hausman", "durbin", "sargan", "basmann", "basmann_f", "wooldridge_score", "wooldridge_regression",
      "wooldridge_overid", "anderson_rubin",
    ], sourceLocation: sourceLocation)
}
