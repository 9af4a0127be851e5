import Foundation
import Regression
import Tabular
import TestSupport
import Testing

/// Properties every fit must have, over random data sets (issue 9): results do not
/// depend on row order; rescaling a regressor rescales its coefficient and standard
/// error; OLS is 2SLS when the instruments are the regressors; 2SLS point estimates
/// are the two stages done by hand.
@Suite("Invariance properties over random data")
struct InvariancePropertyTests {
  /// A random data set: y, exogenous x1, endogenous x2 (correlated with the error),
  /// instruments z1 and z2, a cluster id g; n rows.
  static func randomTable(seed: UInt64, n: Int) throws -> (columns: [String: [Double]], table: DataTable) {
    var rng = SplitMix64(seed: seed)
    func normal() -> Double {
      let u1 = Double(rng.next() >> 11 + 1) / 9_007_199_254_740_993.0
      let u2 = Double(rng.next() >> 11) / 9_007_199_254_740_992.0
      return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
    var columns: [String: [Double]] = ["y": [], "x1": [], "x2": [], "z1": [], "z2": [], "g": []]
    let scale = 0.5 + Double(rng.next() % 100) / 20
    for i in 0..<n {
      let (x1, z1, z2, e) = (normal() * scale, normal(), normal(), normal())
      let x2 = 0.8 * z1 - 0.5 * z2 + 0.3 * x1 + 0.6 * e + normal() * 0.5
      columns["x1"]!.append(x1)
      columns["z1"]!.append(z1)
      columns["z2"]!.append(z2)
      columns["x2"]!.append(x2)
      columns["y"]!.append(1 + 0.5 * x1 - 2 * x2 + e * (1 + abs(x1)))
      columns["g"]!.append(Double(i % 7))
    }
    return (columns, try table(columns))
  }

  static func table(_ columns: [String: [Double]]) throws -> DataTable {
    let names = ["y", "x1", "x2", "z1", "z2", "g"].filter { columns[$0] != nil } + columns.keys.sorted().filter {
      !["y", "x1", "x2", "z1", "z2", "g"].contains($0)
    }
    return try DataTable(columns: names.map { ($0, Column.numeric(columns[$0] ?? [])) })
  }

  static let covariances: [CovarianceEstimator] = [.unadjusted, .robust, .hc3, .clustered(["g"]), .kernel(.bartlett, bandwidth: 3)]
  static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]

  @Test(arguments: seeds)
  func resultsDoNotDependOnRowOrder(seed: UInt64) throws {
    let (columns, table) = try Self.randomTable(seed: seed, n: 40 + Int(seed) * 7)
    let n = table.rowCount
    var rng = SplitMix64(seed: seed ^ 0xFACE)
    let permutation = (0..<n).shuffled(using: &rng)
    let shuffled = try Self.table(columns.mapValues { values in permutation.map { values[$0] } })
    for formula in ["y ~ x1 + x2", "y ~ x1 + [x2 ~ z1 + z2]"] {
      // The kernel (HAC) estimator depends on the order by design; the others must not.
      for covariance in Self.covariances.dropLast() {
        let a = try IV2SLS(formula: formula, data: table).fit(covariance: covariance)
        let b = try IV2SLS(formula: formula, data: shuffled).fit(covariance: covariance)
        expectClose(b.params, a.params, rtol: 1e-11, "\(formula) \(covariance) params")
        expectClose(b.stdErrors, a.stdErrors, rtol: 1e-10, "\(formula) \(covariance) std errors")
        expectClose(b.rsquared, a.rsquared, rtol: 1e-11, "\(formula) R²")
      }
    }
  }

  @Test(arguments: seeds)
  func rescalingARegressorRescalesItsCoefficientAndStandardError(seed: UInt64) throws {
    var (columns, table) = try Self.randomTable(seed: seed, n: 60)
    // Powers of two are exact; the others round once per value.
    for factor in [4.0, 1e6, 1e-6, 3.7] {
      columns["x1s"] = columns["x1"]!.map { $0 * factor }
      let scaled = try Self.table(columns)
      for (formula, scaledFormula) in [
        ("y ~ x1 + x2", "y ~ x1s + x2"), ("y ~ x1 + [x2 ~ z1 + z2]", "y ~ x1s + [x2 ~ z1 + z2]"),
      ] {
        for covariance in Self.covariances {
          let a = try IV2SLS(formula: formula, data: table).fit(covariance: covariance)
          let b = try IV2SLS(formula: scaledFormula, data: scaled).fit(covariance: covariance)
          let j = try #require(a.parameterNames.firstIndex(of: "x1"))
          expectClose(b.params[j] * factor, a.params[j], rtol: 1e-12, "\(scaledFormula) ×\(factor) \(covariance) coefficient")
          expectClose(b.stdErrors[j] * factor, a.stdErrors[j], rtol: 1e-12, "\(scaledFormula) ×\(factor) \(covariance) std error")
          // Every other coefficient and standard error, and the t-statistics, are unchanged.
          let others = a.params.indices.filter { $0 != j }
          expectClose(others.map { b.params[$0] }, others.map { a.params[$0] }, rtol: 1e-12, atol: 1e-14)
          expectClose(others.map { b.stdErrors[$0] }, others.map { a.stdErrors[$0] }, rtol: 1e-12)
          expectClose(b.tstats, a.tstats, rtol: 1e-11)
        }
      }
    }
  }

  @Test(arguments: seeds)
  func ordinaryLeastSquaresIsTwoStageLeastSquaresWhenTheInstrumentsAreTheRegressors(seed: UInt64) throws {
    var (columns, _) = try Self.randomTable(seed: seed, n: 50)
    columns["x2copy"] = columns["x2"]
    let table = try Self.table(columns)
    for covariance in Self.covariances {
      let ols = try OLS(formula: "y ~ x1 + x2", data: table).fit(covariance: covariance)
      let tsls = try IV2SLS(formula: "y ~ x1 + [x2 ~ x2copy]", data: table).fit(covariance: covariance)
      #expect(ols.parameterNames == tsls.parameterNames)
      expectClose(tsls.params, ols.params, rtol: 1e-11, "\(covariance) params")
      expectClose(tsls.stdErrors, ols.stdErrors, rtol: 1e-10, "\(covariance) std errors")
    }
  }

  @Test(arguments: seeds)
  func twoStageLeastSquaresIsTheTwoStagesByHand(seed: UInt64) throws {
    var (columns, table) = try Self.randomTable(seed: seed, n: 45)
    let first = try OLS(formula: "x2 ~ x1 + z1 + z2", data: table).fit()
    columns["x2hat"] = first.fittedValues
    let byHand = try OLS(formula: "y ~ x1 + x2hat", data: try Self.table(columns)).fit()
    let tsls = try IV2SLS(formula: "y ~ x1 + [x2 ~ z1 + z2]", data: table).fit()
    expectClose(byHand.params, tsls.params, rtol: 1e-10)
  }
}
