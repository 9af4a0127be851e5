public import LinearAlgebra

/// The priors of ``BayesianIV``'s structural model
///
///     y = Xᵀa_y + β_t·t + ε_y,   t = Xᵀa_t + Zᵀβ_z + ε_t,   (ε_y, ε_t) ~ N(0, Σ),
///
/// where `t` is the endogenous regressor, `X` the exogenous regressors (the intercept
/// among them) and `Z` the excluded instruments.
///
/// The coefficients get independent normal priors, flat by default; Σ gets the prior of
/// PyMC's `LKJCholeskyCov` (half-Cauchy standard deviations and an LKJ correlation), or is
/// known. The effect β_t has a flat, a normal or a hierarchical prior built from earlier
/// experiments.
public struct BayesianIVPrior: Sendable {
  /// The prior of the effect β_t of the endogenous regressor.
  public enum Effect: Sendable, Equatable {
    /// Flat (improper): the posterior follows the data alone.
    case flat
    /// A normal prior.
    case normal(NormalPrior)
    /// A hierarchical prior from earlier estimates of the effect (see ``HierarchicalEffectPrior``).
    case hierarchical(HierarchicalEffectPrior)
  }

  /// The prior of the error covariance Σ.
  public enum Covariance: Sendable, Equatable {
    /// The standard deviations σ_y and σ_t are independent half-Cauchy(`scale`) and the
    /// correlation ρ has the LKJ(`eta`) density, proportional to `(1 − ρ²)^(eta − 1)` —
    /// PyMC's `LKJCholeskyCov(eta:, sd_dist: HalfCauchy(beta: scale))`.
    case lkj(eta: Double, scale: Double)
    /// Σ is known: a symmetric positive definite 2×2 matrix (outcome first). The posterior
    /// of the coefficients is then exactly normal.
    case known(Matrix)
  }

  /// The prior of the effect β_t.
  public var effect: Effect
  /// Normal priors of the outcome equation's exogenous coefficients `a_y`, by term name
  /// (`"Intercept"`, a control's name); unlisted terms are flat.
  public var outcomeCoefficients: [String: NormalPrior]
  /// Normal priors of the first-stage coefficients (`a_t` and β_z), by term name (an
  /// exogenous term or an instrument); unlisted terms are flat.
  public var firstStageCoefficients: [String: NormalPrior]
  /// The prior of Σ.
  public var covariance: Covariance

  /// Priors: by default flat coefficients and the seed's LKJ(2) with half-Cauchy(2) scales.
  public init(
    effect: Effect = .flat, outcomeCoefficients: [String: NormalPrior] = [:],
    firstStageCoefficients: [String: NormalPrior] = [:], covariance: Covariance = .lkj(eta: 2, scale: 2)
  ) {
    self.effect = effect
    self.outcomeCoefficients = outcomeCoefficients
    self.firstStageCoefficients = firstStageCoefficients
    self.covariance = covariance
  }
}

/// A hierarchical prior for the effect from earlier experiments (Savage's "Bayesian
/// instrumental variables with a hierarchical prior"): experiment `j` estimated its effect
/// β_j as `b_j` with standard error `σ_j`, and the effects share a population,
///
///     b_j ~ N(β_j, σ_j²),   β_j ~ N(β̄, σ̄²),   β_t ~ N(β̄, σ̄²),
///
/// with a normal prior on the population mean β̄ and a half-Cauchy prior on its
/// standard deviation σ̄.
public struct HierarchicalEffectPrior: Sendable, Equatable {
  /// The earlier estimates `b_j`.
  public var estimates: [Double]
  /// Their standard errors `σ_j` (> 0), one per estimate.
  public var standardErrors: [Double]
  /// The prior of the population mean β̄ (flat by default).
  public var populationMean: NormalPrior
  /// The scale of the half-Cauchy prior of the population standard deviation σ̄, in the
  /// units of the effect.
  public var populationScale: Double

  /// A hierarchical prior from `estimates` and their `standardErrors`.
  public init(
    estimates: [Double], standardErrors: [Double], populationMean: NormalPrior = .flat, populationScale: Double = 2
  ) {
    self.estimates = estimates
    self.standardErrors = standardErrors
    self.populationMean = populationMean
    self.populationScale = populationScale
  }
}
