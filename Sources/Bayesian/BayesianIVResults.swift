/// The posterior draws of a ``BayesianIV`` fit, chain by chain, and their summary.
public struct BayesianIVResults: Sendable {
  /// The sampled quantities, in summary order: with a hierarchical prior `effect_mean` (β̄)
  /// and `effect_sd` (σ̄); the effect (named after the endogenous regressor); the first
  /// stage's coefficients (`t~term`); the outcome equation's other coefficients; then,
  /// unless Σ is known, `sigma[y]`, `sigma[t]` and the error correlation `rho`.
  public let parameterNames: [String]
  /// `draws[p][c][d]`: draw `d` of chain `c` of quantity `p` (after warm-up).
  public let draws: [[[Double]]]
  /// The endogenous regressor, whose coefficient is the effect.
  public let effectName: String
  /// The outcome.
  public let dependentName: String
  /// The rows used.
  public let observationCount: Int
  /// Iterations discarded at the start of each chain.
  public let warmup: Int
  /// The seed of the run.
  public let seed: UInt64
  /// The share of accepted Metropolis–Hastings proposals for Σ (nil when Σ is known).
  public let covarianceAcceptanceRate: Double?

  /// The number of chains.
  public var chainCount: Int { draws.first?.count ?? 0 }
  /// Draws kept per chain.
  public var drawsPerChain: Int { draws.first?.first?.count ?? 0 }

  /// The draws of `name`, one array per chain; nil for an unknown name.
  public func draws(of name: String) -> [[Double]]? {
    parameterNames.firstIndex(of: name).map { draws[$0] }
  }

  /// Every chain's draws of the effect, one after the other.
  public var effectDraws: [Double] { draws(of: effectName)?.flatMap { $0 } ?? [] }

  /// ArviZ's `summary`: per quantity the posterior mean, standard deviation, the
  /// highest-density interval holding `hdiProbability` (94 % by default), the bulk
  /// effective sample size and the rank-normalised split R̂.
  public func summary(hdiProbability: Double = 0.94) -> PosteriorSummary {
    let rows = zip(parameterNames, draws).map { name, chains in
      PosteriorSummary.Row(name: name, chains: chains, hdiProbability: hdiProbability)
    }
    return PosteriorSummary(hdiProbability: hdiProbability, rows: rows)
  }
}
