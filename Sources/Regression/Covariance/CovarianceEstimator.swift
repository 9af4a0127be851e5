/// How the covariance of the parameter estimates is computed.
///
/// Every estimator is a sandwich A⁻¹ S A⁻¹ around the bread A = X̂ᵀX̂ (the
/// κ-class matrix for LIML), with scores built from the projected regressors
/// X̂ = P_Z X (X itself for OLS) and the residuals e:
///
/// | case | S (the "meat") | linearmodels / statsmodels name |
/// |---|---|---|
/// | ``unadjusted`` | σ̂²A with σ̂² = eᵀe/n | `unadjusted` / —|
/// | ``robust`` | Σ eᵢ² x̂ᵢx̂ᵢᵀ (HC0) | `robust` / `HC0` |
/// | ``hc1`` | n/(n−k) · HC0 | — / `HC1` |
/// | ``hc2`` | Σ eᵢ²/(1−hᵢ) x̂ᵢx̂ᵢᵀ | — / `HC2` |
/// | ``hc3`` | Σ eᵢ²/(1−hᵢ)² x̂ᵢx̂ᵢᵀ | — / `HC3` |
/// | ``clustered(_:)`` | Σ_g ξ_g ξ_gᵀ, ξ_g = Σ_{i∈g} x̂ᵢeᵢ; two-way S₁ + S₂ − S₁₂ | `clustered` / `cluster` |
/// | ``kernel(_:bandwidth:)`` | Γ₀ + Σⱼ wⱼ(Γⱼ + Γⱼᵀ), Γⱼ = Σᵢ gᵢgᵢ₋ⱼᵀ, gᵢ = x̂ᵢeᵢ | `kernel` / `HAC` |
///
/// hᵢ is the leverage of observation i in the second stage, x̂ᵢᵀ(X̂ᵀX̂)⁻¹x̂ᵢ
/// (for OLS the usual hat-matrix diagonal).
///
/// `debiased` (linearmodels' option) switches inference to t(n−k) and F and,
/// for ``unadjusted``, ``robust`` and ``kernel``, scales the covariance by
/// n/(n−k); for ``clustered(_:)`` by G/(G−1)·(n−1)/(n−k) (each term of a two-way
/// sum with its own G). HC1–HC3 carry their own small-sample adjustment, so
/// `debiased` only switches their distributions, as statsmodels' `use_t`.
public enum CovarianceEstimator: Sendable, Equatable {
  /// Homoskedastic errors.
  case unadjusted
  /// Heteroskedasticity-robust (HC0); linearmodels' default.
  case robust
  /// HC0 scaled by n/(n−k) (MacKinnon & White's HC1).
  case hc1
  /// Leverage-adjusted HC2.
  case hc2
  /// Leverage-adjusted HC3 (jackknife-like).
  case hc3
  /// Cluster-robust, one-way or two-way.
  case clustered(ClusterSpecification)
  /// Heteroskedasticity and autocorrelation consistent (HAC) with a kernel;
  /// the bandwidth is chosen by Newey & West's (1994) rule when nil.
  case kernel(KernelType = .bartlett, bandwidth: Double? = nil)

  /// The name linearmodels prints as "Cov. Estimator" (`robust`, `clustered`, …).
  public var name: String {
    switch self {
    case .unadjusted: "unadjusted"
    case .robust: "robust"
    case .hc1: "hc1"
    case .hc2: "hc2"
    case .hc3: "hc3"
    case .clustered: "clustered"
    case .kernel: "kernel"
    }
  }
}

/// The clusters of a cluster-robust covariance: one or two columns of the data
/// (numeric or text), or explicit group labels per observation.
///
/// ```swift
/// model.fit(covariance: .clustered(["firm"]))           // one-way, by a column
/// model.fit(covariance: .clustered(["firm", "year"]))   // two-way
/// model.fit(covariance: .clustered(.groups([ids])))     // explicit ids, one per used row
/// ```
public struct ClusterSpecification: Sendable, Equatable, ExpressibleByArrayLiteral {
  enum Source: Sendable, Equatable {
    case columns([String])
    case groups([[Int]])
  }

  let source: Source

  /// Clusters given by one or two data columns (rows used by the model only).
  public static func columns(_ names: [String]) -> ClusterSpecification { ClusterSpecification(source: .columns(names)) }

  /// Clusters given by one or two arrays of group ids, one entry per observation used.
  public static func groups(_ ids: [[Int]]) -> ClusterSpecification { ClusterSpecification(source: .groups(ids)) }

  /// Column names as an array literal: `.clustered(["firm", "year"])`.
  public init(arrayLiteral names: String...) { self.source = .columns(names) }

  private init(source: Source) { self.source = source }
}

/// The kernel of a HAC covariance.
public enum KernelType: String, Sendable, Equatable, CaseIterable {
  /// Newey–West: wⱼ = 1 − j/(b+1) for j ≤ b.
  case bartlett
  /// Parzen (Gallant): wⱼ = 1 − 6z² + 6z³ for z = j/(b+1) ≤ ½, 2(1 − z)³ above.
  case parzen
  /// Quadratic spectral (Andrews): every lag, wⱼ = 3[sin(a)/a − cos(a)]/a², a = 6πj/(5b).
  case quadraticSpectral = "qs"
}
