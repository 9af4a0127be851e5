public import Formulas
import LinearAlgebra
public import Tabular

/// Bayesian instrumental variables: the structural model of one endogenous regressor,
///
///     y = Xᵀa_y + β_t·t + ε_y,   t = Xᵀa_t + Zᵀβ_z + ε_t,   (ε_y, ε_t) ~ N(0, Σ),
///
/// sampled by Gibbs with conjugate blocks (Lopes and Polson 2014, "Bayesian instrumental
/// variables: priors and likelihoods"): the coefficients given Σ are normal, Σ given the
/// coefficients is an inverse-Wishart proposal corrected to the LKJ prior by
/// Metropolis–Hastings, and a hierarchical prior's population mean and spread are drawn
/// with the effects integrated out (slice sampling for the spread). See ``BayesianIVPrior``.
///
/// ```swift
/// let data = try DataTable(contentsOfCSVFile: "app_engagement_push.csv")
/// let model = try BayesianIV(
///   formula: "in_app_purchase ~ [push_delivered ~ push_assigned]", data: data,
///   prior: BayesianIVPrior(effect: .hierarchical(HierarchicalEffectPrior(
///     estimates: [3.4, 3.6, 4.25, 4.0, 3.9], standardErrors: [0.5, 0.55, 0.6, 0.45, 0.44]))))
/// let results = try model.fit(chains: 4, draws: 4000, warmup: 1000, seed: 1)
/// print(results.summary())   // mean, sd, hdi_3%, hdi_97%, ess_bulk, r_hat
/// ```
///
/// Each step reads only the cross-products of `[X, Z, t, y]`, computed once, so sampling
/// costs the same for 100 rows as for 10 million.
public struct BayesianIV: Sendable {
  /// The model's data.
  public let design: DesignMatrices
  /// The priors.
  public let prior: BayesianIVPrior
  let layout: StructuralLayout
  let statistics: CrossProducts

  /// The name of the endogenous regressor, whose coefficient is the effect.
  public var effectName: String { design.endogenousNames.first ?? "" }

  /// The model of `formula` (one endogenous regressor in brackets, e.g.
  /// `"y ~ x + [t ~ z1 + z2]"`) on `data`, with `prior`.
  ///
  /// - Throws: ``FormulaError`` when the formula does not parse or fit the data;
  ///   ``BayesianIVError`` as ``init(design:prior:)``.
  public init(formula: String, data: DataTable, prior: BayesianIVPrior = BayesianIVPrior()) throws {
    try self.init(design: DesignMatrices(formula: Formula(formula), data: data), prior: prior)
  }

  /// The model of `design`'s data with `prior`.
  ///
  /// - Throws: ``BayesianIVError`` unless there is exactly one endogenous regressor and at
  ///   least one instrument, enough rows, and valid priors naming existing terms.
  public init(design: DesignMatrices, prior: BayesianIVPrior = BayesianIVPrior()) throws(BayesianIVError) {
    guard design.endogenousNames.count == 1 else { throw .endogenousCount(design.endogenousNames.count) }
    guard !design.instrumentNames.isEmpty else { throw .noInstruments }
    try Self.validate(prior)
    let kx = design.exogenousNames.count
    let kz = design.instrumentNames.count
    var precision = [Double](repeating: 0, count: 2 * kx + 1 + kz)
    var linear = precision
    let outcomeTerms = design.exogenousNames
    let firstStageTerms = design.exogenousNames + design.instrumentNames
    for (name, normal) in prior.outcomeCoefficients {
      guard let j = outcomeTerms.firstIndex(of: name) else {
        throw .unknownTerm(name, equation: "outcome", known: outcomeTerms)
      }
      precision[j] = normal.precision
      linear[j] = normal.precision * normal.mean
    }
    for (name, normal) in prior.firstStageCoefficients {
      guard let j = firstStageTerms.firstIndex(of: name) else {
        throw .unknownTerm(name, equation: "first-stage", known: firstStageTerms)
      }
      precision[kx + 1 + j] = normal.precision
      linear[kx + 1 + j] = normal.precision * normal.mean
    }
    let layout = StructuralLayout(
      exogenousCount: kx, instrumentCount: kz, priorPrecision: precision, priorLinear: linear)
    let needed = max(layout.outcomeCount, layout.firstStageCount) + 2
    guard design.observationCount >= needed else {
      throw .tooFewObservations(observations: design.observationCount, needed: needed)
    }
    var columns = (0..<kx).map { design.exogenous.column($0) }
    columns += (0..<kz).map { design.instruments.column($0) }
    columns.append(design.endogenous.column(0))
    columns.append(design.dependent)
    self.design = design
    self.prior = prior
    self.layout = layout
    statistics = CrossProducts(columns: columns)
    _ = try EquationwiseLeastSquares(layout: layout, statistics: statistics)
  }

  static func validate(_ prior: BayesianIVPrior) throws(BayesianIVError) {
    for (name, normal) in prior.outcomeCoefficients.merging(prior.firstStageCoefficients, uniquingKeysWith: { a, _ in a })
    where !normal.isValid {
      throw .invalidPrior("the prior of '\(name)' needs a finite mean and a positive standard deviation")
    }
    switch prior.effect {
    case .flat: break
    case .normal(let normal):
      guard normal.isValid else { throw .invalidPrior("the effect's prior needs a finite mean and a positive standard deviation") }
    case .hierarchical(let h):
      guard !h.estimates.isEmpty else { throw .invalidPrior("a hierarchical prior needs at least one earlier estimate") }
      guard h.estimates.count == h.standardErrors.count else {
        throw .invalidPrior("\(h.estimates.count) earlier estimates but \(h.standardErrors.count) standard errors")
      }
      guard h.estimates.allSatisfy(\.isFinite) else { throw .invalidPrior("the earlier estimates must be finite") }
      guard h.standardErrors.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw .invalidPrior("the earlier standard errors must be positive and finite")
      }
      guard h.populationMean.isValid else {
        throw .invalidPrior("the population mean's prior needs a finite mean and a positive standard deviation")
      }
      guard h.populationScale.isFinite, h.populationScale > 0 else {
        throw .invalidPrior("the population standard deviation's half-Cauchy scale must be positive and finite")
      }
    }
    switch prior.covariance {
    case .lkj(let eta, let scale):
      guard eta.isFinite, eta > 0 else { throw .invalidPrior("the LKJ shape eta must be positive and finite") }
      guard scale.isFinite, scale > 0 else { throw .invalidPrior("the half-Cauchy scale of the standard deviations must be positive and finite") }
    case .known(let matrix):
      guard matrix.rows == 2, matrix.columns == 2, matrix[0, 1] == matrix[1, 0],
        Symmetric2x2(a: matrix[0, 0], b: matrix[1, 0], c: matrix[1, 1]).isPositiveDefinite
      else { throw .invalidPrior("a known error covariance must be a symmetric positive definite 2×2 matrix") }
    }
  }

  /// The names of the sampled quantities in the sampler's order: the outcome equation's
  /// exogenous terms and the effect, the first stage's terms (`t~term`), then unless Σ is
  /// known `sigma[y]`, `sigma[t]` and `rho`, then with a hierarchical prior `effect_mean`
  /// and `effect_sd`.
  var recordedNames: [String] {
    let t = effectName
    var names = design.exogenousNames + [t]
    names += (design.exogenousNames + design.instrumentNames).map { "\(t)~\($0)" }
    if case .lkj = prior.covariance { names += ["sigma[\(design.dependentName)]", "sigma[\(t)]", "rho"] }
    if case .hierarchical = prior.effect { names += ["effect_mean", "effect_sd"] }
    return names
  }

  /// Samples the posterior.
  ///
  /// - Parameters:
  ///   - chains: independent chains (≥ 1), each from its own over-dispersed start and
  ///     random stream; R̂ compares them.
  ///   - draws: draws kept per chain (≥ 4).
  ///   - warmup: iterations discarded at the start of each chain.
  ///   - seed: fixes every random number: the same seed gives the same draws.
  /// - Throws: ``BayesianIVError/invalidSetting(name:value:requirement:)`` for settings out
  ///   of range, ``BayesianIVError/numericalFailure(_:)`` when a draw is not finite.
  public func fit(chains: Int = 4, draws: Int = 1000, warmup: Int = 1000, seed: UInt64 = 0) throws(BayesianIVError)
    -> BayesianIVResults
  {
    guard chains >= 1, chains <= 1024 else {
      throw .invalidSetting(name: "chains", value: "\(chains)", requirement: "between 1 and 1024")
    }
    guard draws >= 4 else { throw .invalidSetting(name: "draws", value: "\(draws)", requirement: "at least 4") }
    guard warmup >= 0, warmup <= 10_000_000 else {
      throw .invalidSetting(name: "warmup", value: "\(warmup)", requirement: "between 0 and 10000000")
    }
    let (total, overflow) = chains.multipliedReportingOverflow(by: draws)
    guard !overflow, total <= 10_000_000 else {
      throw .invalidSetting(
        name: "draws", value: "\(draws)", requirement: "chains × draws must be at most 10000000")
    }
    let sampler = GibbsSampler(layout: layout, statistics: statistics, effect: prior.effect, covariance: prior.covariance)
    var perQuantity = Array(repeating: [[Double]](), count: sampler.recordedCount)
    var accepted = 0
    for chain in 0..<chains {
      let output = try sampler.run(draws: draws, warmup: warmup, random: Xoshiro256StarStar(seed: seed, stream: chain))
      for (q, values) in output.values.enumerated() { perQuantity[q].append(values) }
      accepted += output.acceptedCovariances
    }
    var acceptance: Double?
    if case .lkj = prior.covariance { acceptance = Double(accepted) / Double(total) }
    let names = recordedNames
    let order = Self.displayOrder(names, layout: layout)
    return BayesianIVResults(
      parameterNames: order.map { names[$0] }, draws: order.map { perQuantity[$0] }, effectName: effectName,
      dependentName: design.dependentName, observationCount: design.observationCount, warmup: warmup, seed: seed,
      covarianceAcceptanceRate: acceptance)
  }

  /// The summary's order: the hierarchy's population mean and spread, the effect, the
  /// instruments' first-stage coefficients, the other coefficients, then Σ.
  static func displayOrder(_ names: [String], layout: StructuralLayout) -> [Int] {
    let k = layout.coefficientCount
    var order: [Int] = Array(k..<names.count).filter { names[$0].hasPrefix("effect_") }
    order.append(layout.effectIndex)
    order += (layout.outcomeCount + layout.exogenousCount)..<k
    order += 0..<layout.exogenousCount
    order += layout.outcomeCount..<(layout.outcomeCount + layout.exogenousCount)
    order += Array(k..<names.count).filter { !names[$0].hasPrefix("effect_") }
    return order
  }
}
