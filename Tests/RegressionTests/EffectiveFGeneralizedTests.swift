import Foundation
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// The generalized TSLS and LIML critical values of the Montiel Olea–Pflueger
/// effective F (`iv-diagnostics.md` §4.3) against the numpy re-implementation of
/// weakivtest in §8.2, an independent brute-force supremum written here, and the
/// homoskedastic closed forms B_TSLS = |1 − 2/K2|, B_LIML = 1/K2.
///
/// §8.2 maximised over β with a grid and Nelder–Mead, so its B's (and the critical
/// values computed from them) may differ from ours by the optimiser's tolerance:
/// rtol 1e-6. The achieved differences are printed.
@Suite("Weak instruments: effective F, generalized TSLS and LIML critical values")
struct EffectiveFGeneralizedTests {
  static let formula = "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc]"

  static func mroz() throws -> DataTable {
    try DataTable(contentsOfCSVFile: Fixtures.url("data/mroz_wage.csv").path)
  }

  static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), .leastNormalMagnitude) }

  /// Compares and prints the relative difference.
  static func check(_ actual: Double, _ expected: Double, rtol: Double = 1e-6, _ label: String) {
    print("MOP \(label): \(actual) vs \(expected), relative difference \(relative(actual, expected))")
    expectClose(actual, expected, rtol: rtol, label)
  }

  /// Robust (HC1) Ŵ: B_TSLS, B_LIML and the critical values with K_eff, §8.2.
  @Test func mrozRobust() throws {
    let effective = try #require(try IV2SLS(formula: Self.formula, data: Self.mroz()).fit(covariance: .robust).weakInstruments?.effectiveF)
    Self.check(effective.tslsBiasBound, 0.12129064630090235, "B_TSLS")
    Self.check(effective.limlBiasBound, 0.5589255158739479, "B_LIML")
    let tsls: [(Double, Double)] = [
      (8.3154389621806, 1.8194772801872263), (6.0206033567147275, 1.8403853571141047),
      (4.680876641867639, 1.8687781886801402), (4.175309147639355, 1.8872062677729795),
    ]
    let liml: [(Double, Double)] = [
      (21.405985917888838, 1.7978589699871417), (13.429080655453566, 1.8044372338768506),
      (8.958549484569824, 1.816215303695982), (7.289212738139421, 1.826484160057697),
    ]
    let taus = [0.05, 0.10, 0.20, 0.30]
    let inverse = [20, 10, 5, 3.33]  // weakivtest's 1/τ
    for (name, computed, expected, bound) in [
      ("TSLS", effective.generalizedTSLS, tsls, effective.tslsBiasBound), ("LIML", effective.liml, liml, effective.limlBiasBound),
    ] {
      #expect(computed.map(\.tau) == taus)
      for (i, (value, kEff)) in expected.enumerated() {
        Self.check(computed[i].value, value, "\(name) c(τ = \(taus[i]))")
        Self.check(computed[i].effectiveDegreesOfFreedom, kEff, "\(name) K_eff(τ = \(taus[i]))")
        expectClose(computed[i].x, bound * inverse[i], rtol: 1e-15)
      }
    }
    // The verdict stays the simplified (conservative) TSLS one.
    expectClose(effective.criticalValue, 19.784955665437177, rtol: 1e-8)
    #expect(effective.covarianceScaling == "HC1")
  }

  /// Homoskedastic Ŵ = Ω̂ ⊗ I with K2 = 2: B_TSLS = 0, so every generalized TSLS
  /// value is χ²₂(0.95)/2; B_LIML = 1/2 (§8.2).
  @Test func mrozHomoskedastic() throws {
    let effective = try #require(
      try IV2SLS(formula: Self.formula, data: Self.mroz()).fit(covariance: .unadjusted).weakInstruments?.effectiveF)
    #expect(abs(effective.tslsBiasBound) < 1e-12, "B_TSLS = \(effective.tslsBiasBound)")
    expectClose(effective.limlBiasBound, 0.5, rtol: 1e-12, "B_LIML")
    for value in effective.generalizedTSLS {
      Self.check(value.value, 2.9957322735540, "homoskedastic TSLS c(τ = \(value.tau))")
      expectClose(value.effectiveDegreesOfFreedom, 2, rtol: 1e-12)
    }
    let liml = [19.294343449890203, 12.172075007319927, 8.191723525468163, 6.711841095512342]
    for (value, expected) in zip(effective.liml, liml) {
      Self.check(value.value, expected, "homoskedastic LIML c(τ = \(value.tau))")
      expectClose(value.effectiveDegreesOfFreedom, 2, rtol: 1e-12)
    }
    // B_LIML = 1/2 gives x = 10 at τ = 5%, the simplified τ = 10% point.
    expectClose(effective.liml[0].value, effective.criticalValues[1].value, rtol: 1e-12)
  }

  /// K2 = 3 instruments, homoskedastic: B_TSLS = |1 − 2/3| = B_LIML = 1/3, both
  /// suprema reached only as β → ±∞; K_eff = 3.
  @Test func homoskedasticClosedFormsThreeInstruments() throws {
    let model = try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc + huswage]", data: Self.mroz())
    let effective = try #require(try model.fit(covariance: .unadjusted).weakInstruments?.effectiveF)
    expectClose(effective.tslsBiasBound, 1.0 / 3, rtol: 1e-12, "B_TSLS")
    expectClose(effective.limlBiasBound, 1.0 / 3, rtol: 1e-12, "B_LIML")
    expectClose(effective.generalizedTSLS.map(\.value), effective.liml.map(\.value), rtol: 1e-12)
    expectClose(effective.liml.map(\.effectiveDegreesOfFreedom), [3, 3, 3, 3], rtol: 1e-12)
    // Same bound at every τ ⇒ x·τ fixed; c decreases with τ.
    let values = effective.liml.map(\.value)
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 })
  }

  /// One instrument: B_TSLS = B_LIML = 1 (Cauchy–Schwarz, reached as β → ±∞), so
  /// both generalized tests coincide with the simplified one.
  @Test func justIdentifiedBoundsAreOne() throws {
    let model = try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ ~ motheduc]", data: Self.mroz())
    for covariance in [CovarianceEstimator.unadjusted, .robust, .clustered(["cl"])] {
      let effective = try #require(try model.fit(covariance: covariance).weakInstruments?.effectiveF)
      expectClose(effective.tslsBiasBound, 1, rtol: 1e-12, "\(covariance) B_TSLS")
      expectClose(effective.limlBiasBound, 1, rtol: 1e-12, "\(covariance) B_LIML")
      expectClose(effective.generalizedTSLS.map(\.value), effective.criticalValues.map(\.value), rtol: 1e-12)
      expectClose(effective.liml.map(\.value), effective.criticalValues.map(\.value), rtol: 1e-12)
    }
  }

  /// The bounds are free of the units of y and x (β = s·tan θ with s = √(ω₁₁/ω₂₂)).
  @Test func unitInvariance() throws {
    let data = try Self.mroz()
    guard case .numeric(let lwage) = try #require(data["lwage"]), case .numeric(let educ) = try #require(data["educ"]) else {
      Issue.record("numeric columns expected")
      return
    }
    var columns: [(name: String, column: Column)] = []
    for name in ["exper", "expersq", "fatheduc", "motheduc"] { columns.append((name, try #require(data[name]))) }
    columns.append(("y", .numeric(lwage.map { $0 * 1e4 })))
    columns.append(("x", .numeric(educ.map { $0 * 1e-3 })))
    let scaled = try DataTable(columns: columns)
    let a = try #require(try IV2SLS(formula: Self.formula, data: data).fit(covariance: .robust).weakInstruments?.effectiveF)
    let b = try #require(
      try IV2SLS(formula: "y ~ 1 + exper + expersq + [x ~ fatheduc + motheduc]", data: scaled).fit(covariance: .robust)
        .weakInstruments?.effectiveF)
    expectClose(b.tslsBiasBound, a.tslsBiasBound, rtol: 1e-10, "B_TSLS")
    expectClose(b.limlBiasBound, a.limlBiasBound, rtol: 1e-10, "B_LIML")
  }

  /// Clustered and kernel covariances give bounds in [0, 1] and generalized TSLS
  /// critical values no larger than the simplified ones.
  @Test(arguments: [CovarianceEstimator.clustered(["cl"]), .kernel(.bartlett, bandwidth: 4), .robust])
  func otherCovariances(covariance: CovarianceEstimator) throws {
    for formula in [Self.formula, "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc + huswage + kidslt6]"] {
      let effective = try #require(
        try IV2SLS(formula: formula, data: Self.mroz()).fit(covariance: covariance).weakInstruments?.effectiveF)
      #expect(effective.tslsBiasBound >= 0 && effective.tslsBiasBound <= 1 + 1e-12, "\(effective.tslsBiasBound)")
      #expect(effective.limlBiasBound >= 0 && effective.limlBiasBound <= 1 + 1e-12, "\(effective.limlBiasBound)")
      for (generalized, simplified) in zip(effective.generalizedTSLS, effective.criticalValues) {
        #expect(generalized.value.isFinite && generalized.value <= simplified.value * (1 + 1e-12))
      }
      #expect(effective.liml.allSatisfy { $0.value.isFinite && $0.effectiveDegreesOfFreedom >= 1 })
    }
  }

  /// The sup over β by brute force, written independently of the library: Ŵ (HC1)
  /// in a different orthonormal basis (Z̃ V D^{-1/2} from the eigendecomposition of
  /// Z̃ᵀZ̃, instead of the library's Cholesky L⁻¹), the §4.3 formulas in β with Jacobi
  /// eigenvalues, nested grids over β (∈ [−60, 60] in steps of 1e-2, then steps of
  /// 2e-5 within ±2e-2 and 4e-8 within ±4e-5 of the best point so far) and the
  /// β → ±∞ limits.
  static func bruteForceBounds(
    _ data: DataTable, outcome: String, endogenous: String, instruments: [String]
  ) throws -> (tsls: Double, liml: Double) {
    func numeric(_ name: String) throws -> [Double] {
      guard case .numeric(let values) = try #require(data[name]) else { throw CancellationError() }
      return values
    }
    let n = data.rowCount
    let exogenous = Matrix(columns: [[Double](repeating: 1, count: n), try numeric("exper"), try numeric("expersq")])
    let partial = QRDecomposition(exogenous)
    let y = partial.residuals(try numeric(outcome))
    let x = partial.residuals(try numeric(endogenous))
    let z = partial.residuals(Matrix(columns: try instruments.map(numeric)))
    let k = instruments.count
    let dof = Double(n - exogenous.columns - k)
    let eigen = SymmetricEigenDecomposition(z.gram())
    var basis = eigen.eigenvectors
    for j in 0..<k {
      let factor = 1 / eigen.eigenvalues[j].squareRoot()
      for i in 0..<k { basis[i, j] *= factor }
    }
    let q = z.multiplied(by: basis)
    func residual(_ v: [Double]) -> [Double] { Vector.subtracting(v, q.multiplied(by: q.transposeMultiplied(by: v))) }
    let v2 = residual(y)
    let v1 = residual(x)
    let omega11 = Vector.dot(v2, v2) / dof
    let omega12 = Vector.dot(v2, v1) / dof
    let omega22 = Vector.dot(v1, v1) / dof
    // Ŵ = Σᵢ (eᵢ ⊗ qᵢ)(eᵢ ⊗ qᵢ)ᵀ · n/(n − L).
    var scores = Matrix(rows: n, columns: 2 * k)
    for i in 0..<n {
      for a in 0..<k {
        scores[i, a] = v2[i] * q[i, a]
        scores[i, k + a] = v1[i] * q[i, a]
      }
    }
    let w = (Double(n) / dof) * scores.gram()
    let first = Array(0..<k)
    let second = Array(k..<(2 * k))
    let w1 = w.submatrix(rows: first, columns: first)
    let w12 = w.submatrix(rows: first, columns: second)
    let w2 = w.submatrix(rows: second, columns: second)
    func trace(_ m: Matrix) -> Double { m.diagonal.reduce(0, +) }
    func symmetricPart(_ m: Matrix) -> Matrix { 0.5 * (m + m.transposed()) }
    func extremes(_ m: Matrix) -> (Double, Double) {
      let values = SymmetricEigenDecomposition(symmetricPart(m)).eigenvalues
      return (values.min() ?? .nan, values.max() ?? .nan)
    }
    func tsls(_ beta: Double) -> Double {
      let s12 = w12 - beta * w2
      let s1 = w1 - (2 * beta) * w12 + (beta * beta) * w2
      let (low, high) = extremes(s12)
      let a = trace(s12) / (trace(s1) * trace(w2)).squareRoot()
      return max(abs(a * (1 - 2 * low / trace(s12))), abs(a * (1 - 2 * high / trace(s12))))
    }
    func liml(_ beta: Double) -> Double {
      let s12 = w12 - beta * w2
      let s1 = w1 - (2 * beta) * w12 + (beta * beta) * w2
      let r = (omega12 - beta * omega22) / (omega11 - 2 * beta * omega12 + beta * beta * omega22)
      let (low, high) = extremes(2 * s12 - r * s1)
      let centre = trace(s12) - r * trace(s1)
      return max(abs(centre - low), abs(centre - high)) / (trace(s1) * trace(w2)).squareRoot()
    }
    func supremum(_ f: (Double) -> Double, limit: Double) -> Double {
      var best = -Double.infinity
      var argmax = 0.0
      for (half, step) in [(60.0, 1e-2), (2e-2, 2e-5), (4e-5, 4e-8)] {
        let centre = argmax
        let count = Int((half / step).rounded())
        for i in -count...count {
          let beta = centre + Double(i) * step
          let value = f(beta)
          if value > best { (best, argmax) = (value, beta) }
        }
      }
      print("MOP brute force: grid sup \(best) at β = \(argmax), limit \(limit)")
      return max(best, limit)
    }
    let (low2, high2) = extremes(w2)
    return (
      supremum(tsls, limit: max(abs(1 - 2 * low2 / trace(w2)), abs(1 - 2 * high2 / trace(w2)))),
      supremum(liml, limit: high2 / trace(w2))
    )
  }

  /// The library's B's equal the brute force (which they may not fall below), for
  /// K2 = 2 (where §8.2 is checked as well) and K2 = 4.
  @Test func bruteForceSupremum() throws {
    let data = try Self.mroz()
    for instruments in [["fatheduc", "motheduc"], ["fatheduc", "motheduc", "huswage", "kidslt6"]] {
      let brute = try Self.bruteForceBounds(data, outcome: "lwage", endogenous: "educ", instruments: instruments)
      let formula = "lwage ~ 1 + exper + expersq + [educ ~ \(instruments.joined(separator: " + "))]"
      let effective = try #require(try IV2SLS(formula: formula, data: data).fit(covariance: .robust).weakInstruments?.effectiveF)
      Self.check(effective.tslsBiasBound, brute.tsls, rtol: 1e-8, "K2 = \(instruments.count) B_TSLS vs brute force")
      Self.check(effective.limlBiasBound, brute.liml, rtol: 1e-8, "K2 = \(instruments.count) B_LIML vs brute force")
      #expect(effective.tslsBiasBound >= brute.tsls * (1 - 1e-12))
      #expect(effective.limlBiasBound >= brute.liml * (1 - 1e-12))
      if instruments.count == 2 {
        Self.check(brute.tsls, 0.12129064630090235, "brute-force B_TSLS vs §8.2")
        Self.check(brute.liml, 0.5589255158739479, "brute-force B_LIML vs §8.2")
      }
    }
  }

  /// The weak-instrument block gains one line; the existing lines are unchanged.
  @Test func summaryLine() throws {
    let weak = try #require(try IV2SLS(formula: Self.formula, data: Self.mroz()).fit(covariance: .robust).weakInstruments)
    let lines = weak.summary.split(separator: "\n").map(String.init)
    #expect(lines.contains("Effective F (Montiel Olea-Pflueger)          54.75, critical value 19.78 (tau = 10%)"))
    #expect(lines.contains("Effective F, generalized TSLS/LIML           critical values 6.021 / 13.43 (tau = 10%); B = 0.1213 / 0.5589"))
    #expect(lines.last == "Verdict: strong: effective F 54.75 > 19.78 critical value (τ = 10%)")
  }
}
