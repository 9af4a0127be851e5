import Distributions
import LinearAlgebra

/// The Anderson–Rubin (1949) statistic AR_F(β₀) for one endogenous regressor as a
/// function of β₀ (`iv-diagnostics.md` §5.1): the F test that Z̃ has zero
/// coefficients in the regression of ẽ₀ = ỹ − x̃β₀ on Z̃.
///
///     homoskedastic:  AR_F = [ẽ₀ᵀPẽ₀/K2] / [ẽ₀ᵀMẽ₀/(n − L)]        ~ F(K2, n − L)
///     robust:         AR_F = Wald_HC1/K2, Wald_HC0 = gᵀŜ⁻¹g          ~ F(K2, n − L)
///     one-way cluster: AR_F = Wald_CR1/K2                              ~ F(K2, G − 1)
///     kernel:         AR_F = Wald_HAC·(n − L)/n / K2                   ~ F(K2, n − L)
///
/// with g = Z̃ᵀẽ₀ and Ŝ the meat of the scores uᵢz̃ᵢ, u = Mẽ₀ (HC0 for HC0–HC3). Since
/// g and u are linear in β₀ every piece is a quadratic in β₀ precomputed once:
/// Ŝ(β₀) = S_yy − β₀(S_yx + S_xy) + β₀²S_xx.
///
/// Anderson, T. W., & Rubin, H. (1949). Estimation of the parameters of a single
/// equation in a complete system of stochastic equations. *Annals of Mathematical
/// Statistics* 20, 46–63.
struct AndersonRubinStatistic: Sendable {
  let k2: Int
  /// The F denominator dof: n − L, or G − 1 with clusters.
  let denominatorDegreesOfFreedom: Int
  let homoskedastic: Bool
  // Homoskedastic cross-products: ỹᵀPỹ, x̃ᵀPỹ, x̃ᵀPx̃ and the same with M.
  let yPy, xPy, xPx, yMy, xMy, xMx: Double
  let residualDegreesOfFreedom: Double
  // Robust pieces.
  let gy, gx: [Double]
  let syy, sxy, sxx: Matrix
  let waldFactor: Double

  static let name = "Anderson-Rubin test"

  init?(_ data: PartialledInstrumentalData, kind: ResolvedCovariance.Kind) {
    guard data.k1 == 1 else { return nil }
    let k2 = data.k2
    let x = data.x.column(0)
    let py = data.zQR.projection(data.y)
    let my = Vector.subtracting(data.y, py)
    let px = data.xFitted.column(0)
    let mx = data.xResiduals.column(0)
    self.k2 = k2
    yPy = Vector.sumOfSquares(py)
    xPy = Vector.dot(px, py)
    xPx = Vector.sumOfSquares(px)
    yMy = Vector.sumOfSquares(my)
    xMy = Vector.dot(mx, my)
    xMx = Vector.sumOfSquares(mx)
    residualDegreesOfFreedom = Double(data.residualDegreesOfFreedom)
    gy = data.z.transposeMultiplied(by: data.y)
    gx = data.z.transposeMultiplied(by: x)
    if case .unadjusted = kind {
      homoskedastic = true
      denominatorDegreesOfFreedom = data.residualDegreesOfFreedom
      syy = Matrix(rows: 0, columns: 0)
      sxy = syy
      sxx = syy
      waldFactor = 1
      return
    }
    homoskedastic = false
    guard let meat = ScoreCovariance.meat(data.scores(Matrix(columns: [my, mx])), kind: kind) else { return nil }
    let first = Array(0..<k2)
    let second = Array(k2..<(2 * k2))
    syy = meat.submatrix(rows: first, columns: first)
    sxx = meat.submatrix(rows: second, columns: second)
    let cross = meat.submatrix(rows: first, columns: second)
    sxy = cross + cross.transposed()
    waldFactor = ScoreCovariance.smallSampleWaldFactor(kind, observations: data.n, instruments: data.exogenousCount + k2)
    denominatorDegreesOfFreedom = ScoreCovariance.clusterCount(kind).map { $0 - 1 } ?? data.residualDegreesOfFreedom
  }

  /// The reference distribution F(K2, dof).
  var distribution: TestStatistic.Distribution { .f(k2, denominatorDegreesOfFreedom) }

  /// The 1 − α quantile of the reference distribution.
  func criticalValue(level: Double) -> Double {
    FisherF(numeratorDegreesOfFreedom: Double(k2), denominatorDegreesOfFreedom: Double(denominatorDegreesOfFreedom))
      .quantile(level)
  }

  /// AR_F(β₀), nil when the robust meat is singular.
  func statistic(_ beta: Double) -> Double? {
    if homoskedastic {
      let explained = yPy - 2 * beta * xPy + beta * beta * xPx
      let unexplained = yMy - 2 * beta * xMy + beta * beta * xMx
      let value = (explained / Double(k2)) / (unexplained / residualDegreesOfFreedom)
      return value.isFinite ? value : nil
    }
    let g = zip(gy, gx).map { $0 - beta * $1 }
    let s = syy - beta * sxy + (beta * beta) * sxx
    guard let wald = waldStatistic(params: g, covariance: s) else { return nil }
    return wald * waldFactor / Double(k2)
  }

  /// The limit of AR_F(β₀) as |β₀| → ∞: the first-stage F of the same flavour.
  var asymptote: Double? {
    if homoskedastic { return (xPx / Double(k2)) / (xMx / residualDegreesOfFreedom) }
    guard let wald = waldStatistic(params: gx, covariance: sxx) else { return nil }
    return wald * waldFactor / Double(k2)
  }

  /// The test of H0: β = β₀.
  func test(beta0: Double) -> TestStatistic {
    let null = "Coefficient on the endogenous regressor equals \(beta0)"
    guard let value = statistic(beta0) else {
      return TestStatistic(invalid: Self.name, nullHypothesis: null, reason: "the covariance of the reduced-form scores is singular")
    }
    return TestStatistic(name: Self.name, nullHypothesis: null, statistic: value, distribution: distribution)
  }
}
