import Foundation
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// The absorbing fit (intercept and `C(s)` kept as group codes, the model solved from
/// within-group QR statistics) against the dense fit with dummy columns: the same
/// parameters, covariances, first stage and specification tests, to rounding.
@Suite("Absorbing fit equals the dense fit")
struct AbsorbingIV2SLSTests {
  /// y, exogenous x1 (and x4), endogenous x2 and x3, instruments z1–z3, a six-level text
  /// factor s with uneven groups and effects, cluster ids g (9) and h (4).
  static func table(seed: UInt64, n: Int) throws -> DataTable {
    var rng = SplitMix64(seed: seed)
    func normal() -> Double {
      let u1 = Double(rng.next() >> 11 + 1) / 9_007_199_254_740_993.0
      let u2 = Double(rng.next() >> 11) / 9_007_199_254_740_992.0
      return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
    let levels = ["north", "east", "south", "west", "centre", "islands"]
    var lines = ["y,x1,x2,x3,x4,z1,z2,z3,s,g,h"]
    for i in 0..<n {
      let level = [0, 0, 0, 1, 1, 2, 3, 3, 4, 5][Int(rng.next() % 10)]
      let effect = Double(level) * 0.7 - 1
      let (x1, x4, z1, z2, z3, e) = (normal() + effect, normal() * 3 + 100, normal(), normal(), normal() + 0.3 * effect, normal())
      let x2 = 0.8 * z1 - 0.5 * z2 + 0.3 * x1 + 0.6 * e + normal() * 0.5 + effect
      let x3 = 0.4 * z2 + 0.7 * z3 - 0.2 * x1 + 0.4 * e + normal() * 0.7
      let y = 2 + 0.5 * x1 - 2 * x2 + x3 + 0.01 * x4 + 3 * effect + e * (1 + abs(x1))
      lines.append("\(y),\(x1),\(x2),\(x3),\(x4),\(z1),\(z2),\(z3),\(levels[level]),\(i % 9),\(i % 4)")
    }
    return try DataTable(csv: lines.joined(separator: "\n"))
  }

  static let formulas = [
    "y ~ 1 + x1 + C(s) + [x2 + x3 ~ z1 + z2 + z3]",
    "y ~ x1 + x4 + s + [x2 ~ z1 + z2]",
    "y ~ 0 + x1 + C(s) + [x2 ~ z1 + z2 + z3]",
    "y ~ x1 + [x2 + x3 ~ z1 + z2 + z3]",
    "y ~ C(s) + x1 + x2",
    "y ~ C(s) + [x2 ~ z1 + z2]",
  ]

  static let covariances: [CovarianceEstimator] = [
    .unadjusted, .robust, .hc1, .clustered(["g"]), .clustered(["s"]), .clustered(["g", "h"]),
  ]

  @Test(arguments: formulas)
  func sameResultsAsDummyColumns(formula: String) throws {
    let data = try Self.table(seed: 42, n: 600)
    let dense = try IV2SLS(formula: formula, data: data)
    let absorbing = try AbsorbingIV2SLS(formula: formula, data: data)
    for covariance in Self.covariances {
      for debiased in [false, true] {
        let label = "\(formula) \(covariance) debiased \(debiased)"
        let a = try absorbing.fit(covariance: covariance, debiased: debiased)
        let b = try dense.fit(covariance: covariance, debiased: debiased)
        #expect(a.parameterNames == b.parameterNames, "\(label)")
        expectClose(a.params, b.params, rtol: 1e-9, atol: 1e-12, "\(label) params")
        let scale = b.covariance.columnMajorValues.map(abs).max() ?? 1
        expectClose(a.covariance.columnMajorValues, b.covariance.columnMajorValues, rtol: 1e-8, atol: 1e-11 * scale, "\(label) covariance")
        expectClose(a.residuals, b.residuals, rtol: 1e-9, atol: 1e-11, "\(label) residuals")
        expectClose(a.rsquared, b.rsquared, rtol: 1e-10, "\(label) R²")
        expectClose(a.fStatistic.statistic, b.fStatistic.statistic, rtol: 1e-8, "\(label) model F")
        #expect(a.dfResidual == b.dfResidual)
        expectClose(a.conditionNumber, b.conditionNumber, rtol: 1e-8, "\(label) condition number")
        #expect(a.numericallyZeroStandardErrors == b.numericallyZeroStandardErrors)
        if let weakA = a.weakInstruments, let weakB = b.weakInstruments {
          // The Nagar bound B of TSLS under homoskedasticity is zero up to rounding: its
          // printed noise (~1e-16) differs between the routes; everything else is the same.
          func masked(_ text: String) -> [String] {
            text.split(separator: "\n").map { $0.contains("B = ") ? String($0.prefix { $0 != "B" }) : String($0) }
          }
          #expect(masked(weakA.summary) == masked(weakB.summary), "\(label) weak-instrument block")
          expectClose(weakA.craggDonald.statistic, weakB.craggDonald.statistic, rtol: 1e-8, "\(label) Cragg-Donald")
          expectClose(weakA.kleibergenPaapRkLM.statistic, weakB.kleibergenPaapRkLM.statistic, rtol: 1e-8, "\(label) KP LM")
          expectClose(weakA.kleibergenPaapRkWaldF ?? .nan, weakB.kleibergenPaapRkWaldF ?? .nan, rtol: 1e-8, "\(label) KP F")
          expectClose(weakA.effectiveF?.statistic ?? .nan, weakB.effectiveF?.statistic ?? .nan, rtol: 1e-8, "\(label) effective F")
        } else {
          #expect(a.weakInstruments == nil && b.weakInstruments == nil, "\(label) weak instruments")
        }
        guard let stageA = a.firstStage, let stageB = b.firstStage else {
          #expect(a.firstStage == nil && b.firstStage == nil, "\(label) first stage")
          continue
        }
        for (x, y) in zip(stageA.diagnostics, stageB.diagnostics) {
          expectClose(x.rsquared, y.rsquared, rtol: 1e-10, "\(label) first-stage R²")
          expectClose(x.partialRSquared, y.partialRSquared, rtol: 1e-9, "\(label) partial R²")
          expectClose(x.sheaRSquared, y.sheaRSquared, rtol: 1e-9, "\(label) Shea")
          expectClose(x.partialF.statistic, y.partialF.statistic, rtol: 1e-8, "\(label) partial F")
          #expect(x.partialF.distribution == y.partialF.distribution)
        }
        for (x, y) in zip(stageA.regressions, stageB.regressions) {
          #expect(x.parameterNames == y.parameterNames)
          expectClose(x.params, y.params, rtol: 1e-9, atol: 1e-12, "\(label) first-stage params")
          expectClose(x.stdErrors, y.stdErrors, rtol: 1e-8, "\(label) first-stage std errors")
        }
        for (key, test) in a.diagnosticTests {
          guard let reference = b.diagnosticTests.first(where: { $0.key == key })?.test else { continue }
          if key.hasPrefix("wooldridge") {
            #expect(test.statistic.isNaN, "\(key) is not computed when absorbing")
            continue
          }
          expectClose(test.statistic, reference.statistic, rtol: 1e-8, atol: 1e-10, "\(label) \(key)")
          #expect(test.distribution == reference.distribution, "\(label) \(key)")
        }
      }
    }
  }

  @Test func reportsColumnsTheGroupsSpan() throws {
    var lines = ["y,x,w,s"]
    for i in 0..<40 {
      let s = ["a", "b", "c"][i % 3]
      lines.append("\(Double(i % 5)),\(Double(i) * 0.1),\(s == "a" ? 0.3 : 1.7),\(s)")
    }
    let data = try DataTable(csv: lines.joined(separator: "\n"))
    #expect {
      _ = try AbsorbingIV2SLS(formula: "y ~ x + w + C(s)", data: data).fit()
    } throws: { error in
      "\(error)".contains("w is constant within the groups of C(s)")
    }
  }

  @Test func refusesWhatItDoesNotOffer() throws {
    let data = try Self.table(seed: 1, n: 100)
    #expect(throws: ModelError.self) { try AbsorbingIV2SLS(formula: "y ~ x1 + [x2 ~ z1]", data: data).fit(covariance: .hc3) }
    #expect(throws: ModelError.self) { try AbsorbingIV2SLS(formula: "y ~ 0 + x1 + x2", data: data) }
  }
}
