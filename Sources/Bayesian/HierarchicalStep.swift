#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The update of the population mean β̄ and standard deviation σ̄ of the hierarchical
/// effect prior, with the experiments' effects β_j and the current effect β_t integrated
/// out (a partially collapsed Gibbs step, van Dyk and Park 2008; the coefficient step that
/// follows draws β_t afresh).
///
/// Integrating β_j gives `b_j ~ N(β̄, σ_j² + σ̄²)`. Given the other coefficients and Σ the
/// likelihood of β_t is a Gaussian `N(m, v)` in β_t, so integrating β_t gives
/// `m ~ N(β̄, v + σ̄²)`: the current data act as one more experiment. β̄'s normal prior
/// makes β̄ | σ̄ normal, and integrating β̄ too leaves the one-dimensional density of σ̄
///
///     p(σ̄ | ·) ∝ HalfCauchy(σ̄) · A^(−½) Πᵢ V_i^(−½) · exp(−½ Σᵢ (o_i − μ̂)²/V_i),
///
/// over the observations `o_i` (the `b_j`, `m` and the prior mean) with variances `V_i`,
/// `A = Σ 1/V_i` and `μ̂ = Σ (o_i/V_i) / A`. σ̄ is drawn from it by slice sampling, then
/// β̄ ~ N(μ̂, 1/A). Drawing (σ̄, β̄) jointly this way avoids the funnel that makes a
/// centred Gibbs sampler stick when σ̄ is near 0.
struct HierarchicalStep {
  let prior: HierarchicalEffectPrior

  /// The observations and how their variances depend on σ̄: `(value, variance without σ̄,
  /// whether σ̄² is added)`.
  func observations(effectLikelihood: (mean: Double, variance: Double)) -> [(Double, Double, Bool)] {
    var list = zip(prior.estimates, prior.standardErrors).map { ($0, $1 * $1, true) }
    list.append((effectLikelihood.mean, effectLikelihood.variance, true))
    if !prior.populationMean.isFlat {
      let sd = prior.populationMean.standardDeviation
      list.append((prior.populationMean.mean, sd * sd, false))
    }
    return list
  }

  /// `log p(σ̄ | ·)` up to a constant, with the posterior mean and precision of β̄ given σ̄.
  static func logDensity(
    _ sd: Double, observations: [(Double, Double, Bool)], scale: Double
  ) -> (logDensity: Double, mean: Double, precision: Double) {
    guard sd > 0 else { return (-.infinity, .nan, .nan) }
    var precision = 0.0
    var weighted = 0.0
    var logDeterminant = 0.0
    for (value, variance, grows) in observations {
      let v = grows ? variance + sd * sd : variance
      precision += 1 / v
      weighted += value / v
      logDeterminant += log(v)
    }
    let mean = weighted / precision
    var quadratic = 0.0
    for (value, variance, grows) in observations {
      let v = grows ? variance + sd * sd : variance
      quadratic += (value - mean) * (value - mean) / v
    }
    let halfCauchy = -log1p((sd / scale) * (sd / scale))
    return (halfCauchy - 0.5 * (logDeterminant + log(precision) + quadratic), mean, precision)
  }

  /// One update of `(mean, sd)` = (β̄, σ̄).
  func update(
    sd: Double, effectLikelihood: (mean: Double, variance: Double), _ random: inout some RandomNumberGenerator
  ) throws(BayesianIVError) -> (mean: Double, sd: Double) {
    let observations = observations(effectLikelihood: effectLikelihood)
    let scale = prior.populationScale
    let slice = SliceSampler(width: scale)
    let newSD = slice.update(sd, logDensity: { Self.logDensity($0, observations: observations, scale: scale).logDensity }, &random)
    let (_, mean, precision) = Self.logDensity(newSD, observations: observations, scale: scale)
    let draw = mean + RandomVariates.normal(&random) / precision.squareRoot()
    guard draw.isFinite, newSD.isFinite else { throw .numericalFailure("population mean or standard deviation") }
    return (draw, newSD)
  }
}
