#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The update of the error covariance Σ given the coefficients, under the prior of PyMC's
/// `LKJCholeskyCov`: σ_y, σ_t independent half-Cauchy(scale) and the correlation ρ with
/// LKJ(η) density ∝ (1 − ρ²)^(η−1).
///
/// Given θ the likelihood of Σ is `|Σ|^(−n/2) exp(−tr(E Σ⁻¹)/2)` with `E` the residual
/// cross-products. The proposal is the inverse-Wishart IW(n, E): the exact conditional
/// posterior under the reference prior `|Σ|^(−3/2)`. An independence Metropolis–Hastings
/// step then corrects it to the LKJ prior; the acceptance ratio is `w(Σ′)/w(Σ)` with
/// `w = p(Σ)·|Σ|^(3/2)`, the prior's density on the entries of Σ over the reference prior's.
///
/// On the entries of Σ the prior density is `p(σ_y) p(σ_t) p(ρ) / (4σ_y²σ_t²)` (the
/// Jacobian of `(σ_y, σ_t, ρ) ↦ (σ_y², σ_t², ρσ_yσ_t)` is `4σ_y²σ_t²`), and
/// `|Σ| = σ_y²σ_t²(1 − ρ²)`, so
/// `log w = log p(σ_y) + log p(σ_t) + (η + ½) log(1 − ρ²) + log σ_y + log σ_t`.
/// With thousands of rows the likelihood dominates and nearly every proposal is accepted.
struct CovarianceStep {
  let eta: Double
  let scale: Double

  /// `log w(Σ)` up to a constant.
  func logWeight(_ sigma: Symmetric2x2) -> Double {
    let (sy, st, rho) = sigma.standardDeviationsAndCorrelation
    func halfCauchy(_ s: Double) -> Double { -log1p((s / scale) * (s / scale)) }
    return halfCauchy(sy) + halfCauchy(st) + (eta + 0.5) * log1p(-rho * rho) + log(sy) + log(st)
  }

  /// One Metropolis–Hastings update of `current` given the residual cross-products of `n`
  /// rows; returns the new Σ and whether the proposal was accepted.
  func update(
    _ current: Symmetric2x2, residuals: Symmetric2x2, count: Int, _ random: inout some RandomNumberGenerator
  ) throws(BayesianIVError) -> (sigma: Symmetric2x2, accepted: Bool) {
    guard residuals.isPositiveDefinite else { throw .degenerateErrors }
    let proposal = residuals.inverseWishartDraw(degreesOfFreedom: Double(count), &random)
    guard proposal.isPositiveDefinite else { throw .numericalFailure("error covariance") }
    let logRatio = logWeight(proposal) - logWeight(current)
    if logRatio >= 0 || log(RandomVariates.uniform(&random)) < logRatio {
      return (proposal, true)
    }
    return (current, false)
  }
}
