import LinearAlgebra

/// The Montiel Olea–Pflueger (2013) effective first-stage F statistic for one
/// endogenous regressor, with its simplified ("conservative") TSLS, generalized
/// TSLS and LIML critical values (`iv-diagnostics.md` §4, Stata `weakivtest`
/// conventions).
///
///     F_eff = x̂ᵀx̂ / tr(V̂(π̂) Z̃ᵀZ̃) = x̂ᵀx̂ / tr((Z̃ᵀZ̃)⁻¹ Ŝ),
///
/// x̂ = P x̃ the first-stage fitted values and Ŝ the meat of the first-stage scores
/// v̂ᵢz̃ᵢ under the model's covariance, scaled as Stata's `weakivtest`: HC1
/// (n/(n − L)) for HC0–HC3, CR1 ((G/(G − 1))·(n − 1)/(n − L)) for one-way clusters,
/// the HAC meat times n/(n − L) for a kernel, and σ̂²Z̃ᵀZ̃ with σ̂² = V̂ᵀV̂/(n − L) for
/// the unadjusted estimator (then F_eff = F_CD).
///
/// Critical values (Patnaik): with Ŵ₂ = L⁻¹ŜL⁻ᵀ (L Lᵀ = Z̃ᵀZ̃),
/// K_eff(x) = (1 + 2x)(tr Ŵ₂)² / (tr Ŵ₂² + 2x tr Ŵ₂ λ_max(Ŵ₂)) and
/// c = Qχ²(0.95; K_eff, x·K_eff)/K_eff (non-central χ²), where x is
///
/// * 1/τ for the simplified TSLS test (``criticalValues``): weakivtest's 20, 10, 5
///   and 3.33 for τ = 5, 10, 20 and 30%;
/// * B/τ for the generalized tests, with B the worst-case Nagar bias bound
///   ``tslsBiasBound`` (``generalizedTSLS``) or ``limlBiasBound`` (``liml``) and
///   the same 1/τ values (so 3.33·B at τ = 30%, as weakivtest).
///
/// The bounds are suprema over β of functions of the full 2K×2K covariance Ŵ of
/// the reduced-form and first-stage scores and of Ω̂ (see `NagarBiasBound`). Since
/// B_TSLS ≤ 1 the generalized TSLS critical values never exceed the simplified
/// ones; ``criticalValue`` and ``isWeak`` use the simplified TSLS test, the
/// conservative choice that weakivtest also reports first.
///
/// Montiel Olea, J. L., & Pflueger, C. (2013). A robust test for weak instruments.
/// *Journal of Business & Economic Statistics* 31(3), 358–369. Pflueger, C. E., &
/// Wang, S. (2015). A robust test for weak instruments in Stata. *Stata Journal*
/// 15(1), 216–225.
public struct EffectiveF: Sendable, Equatable {
  /// A critical value for one worst-case bias threshold τ (α = 5%).
  public struct CriticalValue: Sendable, Equatable {
    /// τ, the tolerated Nagar bias relative to the worst-case benchmark (0.05, 0.10, 0.20, 0.30).
    public let tau: Double
    /// The non-centrality per effective dof: x = 1/τ for the simplified TSLS test
    /// (weakivtest's 20, 10, 5, 3.33), x = B/τ for the generalized TSLS and LIML tests.
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
  /// The generalized TSLS critical values at τ = 5, 10, 20, 30% (x = B_TSLS/τ with
  /// weakivtest's 1/τ = 20, 10, 5, 3.33); NaN values if B_TSLS is undefined.
  public let generalizedTSLS: [CriticalValue]
  /// The LIML critical values at τ = 5, 10, 20, 30% (x = B_LIML/τ with weakivtest's
  /// 1/τ = 20, 10, 5, 3.33); NaN values if B_LIML is undefined.
  public let liml: [CriticalValue]
  /// B_TSLS = sup_β B_TSLS(β), the worst-case Nagar bias bound of TSLS relative to
  /// the benchmark (0 ≤ B ≤ 1; |1 − 2/K2| under homoskedasticity). NaN if undefined.
  public let tslsBiasBound: Double
  /// B_LIML = sup_β B_LIML(β), the worst-case Nagar bias bound of LIML (1/K2 under
  /// homoskedasticity). NaN if undefined.
  public let limlBiasBound: Double
  /// The covariance scaling used ("homoskedastic", "HC1", "CR1", "HAC").
  public let covarianceScaling: String

  /// The simplified TSLS τ = 10% critical value (the usual, conservative benchmark).
  public var criticalValue: Double { Self.value(at: 0.10, in: criticalValues) }

  /// Whether the null "instruments are weak" (τ = 10%) is not rejected by the
  /// simplified TSLS test: F_eff ≤ ``criticalValue``.
  public var isWeak: Bool { !(statistic > criticalValue) }

  /// The critical value at threshold `tau` in `values`, NaN if absent.
  static func value(at tau: Double, in values: [CriticalValue]) -> Double {
    values.first { abs($0.tau - tau) < 1e-12 }?.value ?? .nan
  }

  /// (τ, x) pairs as in weakivtest.
  static let thresholds: [(tau: Double, x: Double)] = [(0.05, 20), (0.10, 10), (0.20, 5), (0.30, 3.33)]

  /// K_eff(x) and the critical value c(α, x) for a Ŵ₂ with eigenvalues `eigenvalues`
  /// (x = 1/τ for the simplified TSLS test, B/τ for the generalized ones).
  static func criticalValue(eigenvalues: [Double], x: Double, alpha: Double = 0.05) -> (kEff: Double, value: Double) {
    let trace = eigenvalues.reduce(0, +)
    let traceSquared = eigenvalues.reduce(0) { $0 + $1 * $1 }
    let largest = eigenvalues.max() ?? 0
    let kEff = (1 + 2 * x) * trace * trace / (traceSquared + 2 * x * trace * largest)
    let q = NoncentralChiSquared(degreesOfFreedom: kEff, noncentrality: x * kEff).quantile(1 - alpha)
    return (kEff, q / kEff)
  }

  init?(_ data: PartialledInstrumentalData, kind: ResolvedCovariance.Kind) {
    guard let covariance = EffectiveFCovariance(data, kind: kind) else { return nil }
    let trace = covariance.w2.trace
    guard trace > 0, trace.isFinite else { return nil }
    statistic = Vector.sumOfSquares(data.xFitted.column(0)) / trace
    let eigenvalues = SymmetricEigenDecomposition(covariance.w2).eigenvalues.map { max($0, 0) }
    func values(bound: Double) -> [CriticalValue] {
      Self.thresholds.map { threshold in
        let x = bound * threshold.x
        let (kEff, value) = Self.criticalValue(eigenvalues: eigenvalues, x: x)
        return CriticalValue(tau: threshold.tau, x: x, effectiveDegreesOfFreedom: kEff, value: value)
      }
    }
    criticalValues = values(bound: 1)
    let bounds = NagarBiasBound(covariance)
    tslsBiasBound = bounds.supremum(.tsls)
    limlBiasBound = bounds.supremum(.liml)
    generalizedTSLS = values(bound: tslsBiasBound)
    liml = values(bound: limlBiasBound)
    covarianceScaling = covariance.scaling
  }
}
