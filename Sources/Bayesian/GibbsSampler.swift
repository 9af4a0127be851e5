#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

import LinearAlgebra

/// One Markov chain of ``BayesianIV``'s sampler. Each iteration runs, in this order:
///
/// 1. with a hierarchical prior, (β̄, σ̄) given the other coefficients and Σ, with β_t and
///    the β_j integrated out (``HierarchicalStep``);
/// 2. all coefficients θ given Σ (and β̄, σ̄): a normal draw (``CoefficientConditional``);
/// 3. unless Σ is known, Σ given θ (``CovarianceStep``).
///
/// Step 1 integrates β_t out, so β_t must be drawn right after it (step 2 does): the order
/// keeps the partially collapsed sampler's invariant distribution the posterior.
struct GibbsSampler {
  let layout: StructuralLayout
  let statistics: CrossProducts
  let effect: BayesianIVPrior.Effect
  let covariance: BayesianIVPrior.Covariance

  /// What a chain records per kept iteration, in this order: θ, then (unless Σ is known)
  /// σ_y, σ_t, ρ, then (hierarchical) β̄, σ̄.
  var recordedCount: Int {
    layout.coefficientCount + (knownCovariance == nil ? 3 : 0) + (hierarchical == nil ? 0 : 2)
  }

  var knownCovariance: Symmetric2x2? {
    guard case .known(let matrix) = covariance else { return nil }
    return Symmetric2x2(a: matrix[0, 0], b: matrix[1, 0], c: matrix[1, 1])
  }

  var hierarchical: HierarchicalStep? {
    guard case .hierarchical(let prior) = effect else { return nil }
    return HierarchicalStep(prior: prior)
  }

  /// The effect's prior when it is not hierarchical.
  var fixedEffectPrior: NormalPrior {
    if case .normal(let prior) = effect { return prior }
    return .flat
  }

  /// A chain's kept draws, one array per recorded quantity, and its count of accepted Σ proposals.
  struct Chain {
    var values: [[Double]]
    var acceptedCovariances: Int
  }

  /// Starting values: Σ from the residuals of equation-by-equation least squares, its
  /// standard deviations scaled by random factors in (e^−½, e^½); θ drawn from its
  /// conditional given that Σ with twice the posterior spread.
  func start(_ random: inout some RandomNumberGenerator) throws(BayesianIVError) -> (theta: [Double], sigma: Symmetric2x2) {
    let leastSquares = try EquationwiseLeastSquares(layout: layout, statistics: statistics)
    let residuals = layout.residualCrossProducts(leastSquares.coefficients, statistics)
    guard residuals.isPositiveDefinite else { throw .degenerateErrors }
    var sigma: Symmetric2x2
    if let known = knownCovariance {
      sigma = known
    } else {
      let n = Double(statistics.count)
      let (sy, st, rho) = Symmetric2x2(a: residuals.a / n, b: residuals.b / n, c: residuals.c / n)
        .standardDeviationsAndCorrelation
      let fy = exp(RandomVariates.uniform(&random) - 0.5)
      let ft = exp(RandomVariates.uniform(&random) - 0.5)
      sigma = Symmetric2x2(a: sy * sy * fy * fy, b: rho * sy * st * fy * ft, c: st * st * ft * ft)
    }
    let theta = try CoefficientConditional(layout: layout, statistics: statistics, covariance: sigma)
      .draw(effectPrior: fixedEffectPrior, spread: 2, &random)
    return (theta, sigma)
  }

  /// Runs `warmup` iterations, then keeps `draws`, from a generator of its own.
  func run(draws: Int, warmup: Int, random: Xoshiro256StarStar) throws(BayesianIVError) -> Chain {
    var random = random
    var (theta, sigma) = try start(&random)
    let hierarchy = hierarchical
    let covarianceStep: CovarianceStep? = {
      if case .lkj(let eta, let scale) = covariance { return CovarianceStep(eta: eta, scale: scale) }
      return nil
    }()
    var populationMean = Double.nan
    var populationSD = 0.0
    if let hierarchy {
      populationSD = hierarchy.prior.populationScale * (0.1 + 0.9 * RandomVariates.uniform(&random))
    }
    var chain = Chain(
      values: Array(repeating: [Double](repeating: 0, count: draws), count: recordedCount), acceptedCovariances: 0)
    for iteration in 0..<(warmup + draws) {
      let conditional = CoefficientConditional(layout: layout, statistics: statistics, covariance: sigma)
      var effectPrior = fixedEffectPrior
      if let hierarchy {
        (populationMean, populationSD) = try hierarchy.update(
          sd: populationSD, effectLikelihood: conditional.effectLikelihood(given: theta), &random)
        effectPrior = NormalPrior(mean: populationMean, standardDeviation: populationSD)
      }
      theta = try conditional.draw(effectPrior: effectPrior, &random)
      var accepted = false
      if let covarianceStep {
        (sigma, accepted) = try covarianceStep.update(
          sigma, residuals: layout.residualCrossProducts(theta, statistics), count: statistics.count, &random)
      }
      guard iteration >= warmup else { continue }
      let d = iteration - warmup
      if accepted { chain.acceptedCovariances += 1 }
      var position = 0
      for value in theta {
        chain.values[position][d] = value
        position += 1
      }
      if covarianceStep != nil {
        let (sy, st, rho) = sigma.standardDeviationsAndCorrelation
        for value in [sy, st, rho] {
          chain.values[position][d] = value
          position += 1
        }
      }
      if hierarchy != nil {
        chain.values[position][d] = populationMean
        chain.values[position + 1][d] = populationSD
      }
    }
    return chain
  }
}
