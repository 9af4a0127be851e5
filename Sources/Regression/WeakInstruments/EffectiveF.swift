import LinearAlgebra

/// The Montiel Olea–Pflueger (2013) effective first-stage F statistic for one
/// endogenous regressor, with the simplified ("conservative") TSLS critical values
/// (`iv-diagnostics.md` §4).
///
///     F_eff = x̂ᵀx̂ / tr(V̂(π̂) Z̃ᵀZ̃) = x̂ᵀx̂ / tr((Z̃ᵀZ̃)⁻¹ Ŝ),
///
/// x̂ = P x̃ the first-stage fitted values and Ŝ the meat of the first-stage scores
/// v̂ᵢz̃ᵢ under the model's covariance, scaled as Stata's `weakivtest`: HC1
/// (n/(n − L)) for HC0–HC3, CR1 ((G/(G − 1))·(n − 1)/(n − L)) for one-way clusters,
/// the HAC meat times n/(n − L) for a kernel, and σ̂²Z̃ᵀZ̃ with σ̂² = V̂ᵀV̂/(n − L) for
/// the unadjusted estimator (then F_eff = F_CD).
///
/// Critical value (Patnaik): with Ŵ₂ = L⁻¹ŜL⁻ᵀ (L Lᵀ = Z̃ᵀZ̃) and x = 1/τ,
/// K_eff = (1 + 2x)(tr Ŵ₂)² / (tr Ŵ₂² + 2x tr Ŵ₂ λ_max(Ŵ₂)) and
/// c = Qχ²(0.95; K_eff, x·K_eff)/K_eff (non-central χ²). weakivtest's x are 20, 10,
/// 5 and 3.33 for τ = 5, 10, 20 and 30%. Only the simplified TSLS test is
/// implemented (not the generalized TSLS or LIML tests of §4.3).
///
/// Montiel Olea, J. L., & Pflueger, C. (2013). A robust test for weak instruments.
/// *Journal of Business & Economic Statistics* 31(3), 358–369. Pflueger, C. E., &
/// Wang, S. (2015). A robust test for weak instruments in Stata. *Stata Journal*
/// 15(1), 216–225.
public struct EffectiveF: Sendable, Equatable {
  /// A simplified-TSLS critical value for one worst-case bias threshold τ (α = 5%).
  public struct CriticalValue: Sendable, Equatable {
    /// τ, the tolerated Nagar bias relative to the worst-case benchmark (0.05, 0.10, 0.20, 0.30).
    public let tau: Double
    /// The non-centrality per effective dof x = 1/τ (weakivtest's 20, 10, 5, 3.33).
    public let x: Double
    /// K_eff(x).
    public let effectiveDegreesOfFreedom: Double
    /// c(5%, x): reject "weak instruments" when F_eff exceeds it.
    public let value: Double
  }

  /// F_eff.
  public let statistic: Double
  /// The simplified TSLS critical values at τ = 5, 10, 20, 30%.
  public let criticalValues: [CriticalValue]
  /// The covariance scaling used ("homoskedastic", "HC1", "CR1", "HAC").
  public let covarianceScaling: String

  /// The τ = 10% critical value (the usual benchmark).
  public var criticalValue: Double {
    criticalValues.first { abs($0.tau - 0.10) < 1e-12 }?.value ?? .nan
  }

  /// Whether the null "instruments are weak" (τ = 10%) is not rejected: F_eff ≤ c.
  public var isWeak: Bool { !(statistic > criticalValue) }

  /// (τ, x) pairs as in weakivtest.
  static let thresholds: [(tau: Double, x: Double)] = [(0.05, 20), (0.10, 10), (0.20, 5), (0.30, 3.33)]

  /// The simplified TSLS critical value for a Ŵ₂ with eigenvalues `eigenvalues` and x = 1/τ.
  static func criticalValue(eigenvalues: [Double], x: Double, alpha: Double = 0.05) -> (kEff: Double, value: Double) {
    let trace = eigenvalues.reduce(0, +)
    let traceSquared = eigenvalues.reduce(0) { $0 + $1 * $1 }
    let largest = eigenvalues.max() ?? 0
    let kEff = (1 + 2 * x) * trace * trace / (traceSquared + 2 * x * trace * largest)
    let q = NoncentralChiSquared(degreesOfFreedom: kEff, noncentrality: x * kEff).quantile(1 - alpha)
    return (kEff, q / kEff)
  }

  init?(_ data: PartialledInstrumentalData, kind: ResolvedCovariance.Kind) {
    guard data.k1 == 1 else { return nil }
    let n = Double(data.n)
    let dof = Double(data.residualDegreesOfFreedom)
    let residuals = data.xResiduals
    let meat: Matrix
    let scaling: String
    switch kind {
    case .unadjusted:
      meat = (Vector.sumOfSquares(residuals.column(0)) / dof) * data.z.gram()
      scaling = "homoskedastic"
    case .heteroskedastic, .kernel, .clustered:
      guard let raw = ScoreCovariance.meat(data.scores(residuals), kind: kind) else { return nil }
      if let g = ScoreCovariance.clusterCount(kind) {
        meat = (Double(g) / Double(g - 1) * (n - 1) / dof) * raw
        scaling = "CR1"
      } else {
        meat = (n / dof) * raw
        if case .kernel = kind { scaling = "HAC" } else { scaling = "HC1" }
      }
    }
    guard let lInverse = try? data.zGram.lower.inverse() else { return nil }
    let w2 = lInverse.multiplied(by: meat).multiplied(by: lInverse.transposed()).symmetrized()
    let trace = w2.trace
    guard trace > 0, trace.isFinite else { return nil }
    statistic = Vector.sumOfSquares(data.xFitted.column(0)) / trace
    let eigenvalues = SymmetricEigenDecomposition(w2).eigenvalues.map { max($0, 0) }
    criticalValues = Self.thresholds.map { threshold in
      let (kEff, value) = Self.criticalValue(eigenvalues: eigenvalues, x: threshold.x)
      return CriticalValue(tau: threshold.tau, x: threshold.x, effectiveDegreesOfFreedom: kEff, value: value)
    }
    covarianceScaling = scaling
  }
}
