/// How IVGMM estimates S, the covariance of the moment conditions gᵢ = zᵢeᵢ,
/// whose inverse is the weight matrix W = S⁻¹ (linearmodels 7.1's `weight_type`).
///
/// | case | S(e) | linearmodels |
/// |---|---|---|
/// | ``unadjusted`` | s²·ZᵀZ/n, s² = Σ(eᵢ − ē)²/n (always centred) | `unadjusted` |
/// | ``robust`` | Σ gᵢgᵢᵀ/n | `robust` |
/// | ``kernel(_:bandwidth:)`` | (Γ₀ + Σⱼ wⱼ(Γⱼ + Γⱼᵀ))/n, Γⱼ = Σᵢ gᵢgᵢ₋ⱼᵀ | `kernel` |
/// | ``clustered(_:)`` | Σ_c ξ_c ξ_cᵀ/n, ξ_c = Σ_{i∈c} gᵢ (one-way) | `clustered` |
///
/// With `center` the scores are gᵢ − ḡ (no effect on ``unadjusted``); with a
/// debiased weight S is scaled by n/(n−k), or (n−1)/(n−k)·G/(G−1) when clustered.
/// A kernel without a bandwidth chooses it at each step with the Newey–West
/// rule applied to Σⱼ gᵢⱼ/sd(g·ⱼ) (each moment standardised by its population
/// standard deviation), linearmodels 7.1's default (`optimal_bw=True`).
public enum GMMWeight: Sendable, Equatable {
  /// Homoskedastic moment conditions.
  case unadjusted
  /// Heteroskedasticity-robust (linearmodels' default).
  case robust
  /// Heteroskedasticity and autocorrelation robust (HAC); automatic bandwidth when nil.
  case kernel(KernelType = .bartlett, bandwidth: Double? = nil)
  /// One-way cluster-robust.
  case clustered(ClusterSpecification)

  /// linearmodels' `weight_type` name.
  public var name: String {
    switch self {
    case .unadjusted: "unadjusted"
    case .robust: "robust"
    case .kernel: "kernel"
    case .clustered: "clustered"
    }
  }
}
