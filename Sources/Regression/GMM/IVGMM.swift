public import Formulas
public import LinearAlgebra
public import Tabular

/// Linear IV estimation by the generalized method of moments, matching
/// linearmodels 7.1's `IVGMM`.
///
/// β(W) = (XᵀZ W ZᵀX)⁻¹ XᵀZ W Zᵀy with X = [exogenous, endogenous] and
/// Z = [exogenous, instruments]. The first step uses W₀ = (ZᵀZ/n)⁻¹ (2SLS) or a
/// given initial weight; each further step sets W = S(e)⁻¹ from the previous
/// step's residuals (``GMMWeight``). Two steps by default; a larger
/// `iterationLimit` iterates until δᵀV⁻¹δ ≤ tolerance, with δ the change in β
/// and V = (AWAᵀ)/n, A = XᵀZ/n, fixed at the first update.
///
/// The covariance is (AWAᵀ)⁻¹(AWSWAᵀ)(AWAᵀ)⁻¹/n with W the final weight matrix
/// and S the moment covariance of the `covariance` type at the final residuals
/// (scaled by n/(n−k) when debiased).
///
/// ```swift
/// let gmm = try IVGMM(formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", data: data).fit()
/// gmm.params                     // 1.2065…, 0.4033…, 1.8452…
/// gmm.gmm?.jStatistic.statistic  // Hansen's J, 0.0818…
/// ```
public struct IVGMM: Sendable {
  /// The model's inputs.
  public let design: DesignMatrices
  /// How the weight matrix is estimated.
  public let weightType: GMMWeight
  /// Whether the weight estimator centres the moment conditions (linearmodels' `center`).
  public let center: Bool
  /// Whether the weight estimator is scaled by n/(n−k) (linearmodels' weight `debiased`).
  public let debiasedWeight: Bool
  let table: DataTable?

  /// A model from a formula.
  ///
  /// - Throws: ``FormulaError`` for formula or data problems.
  public init(
    formula: String, data: DataTable, weightType: GMMWeight = .robust, center: Bool = false,
    debiasedWeight: Bool = false
  ) throws {
    self.design = try DesignMatrices(formula: Formula(formula), data: data)
    self.table = data
    self.weightType = weightType
    self.center = center
    self.debiasedWeight = debiasedWeight
  }

  /// A model from design matrices.
  ///
  /// - Throws: ``ModelError/underidentified(endogenous:instruments:)``.
  /// `data` is the table the design was built from, needed only to read cluster
  /// columns (`.clustered(["firm"])`); without it, clusters are given as ids.
  public init(
    design: DesignMatrices, data: DataTable? = nil, weightType: GMMWeight = .robust, center: Bool = false,
    debiasedWeight: Bool = false
  ) throws(ModelError) {
    guard design.instruments.columns >= design.endogenous.columns else {
      throw .underidentified(endogenous: design.endogenous.columns, instruments: design.instruments.columns)
    }
    self.design = design
    self.table = data
    self.weightType = weightType
    self.center = center
    self.debiasedWeight = debiasedWeight
  }

  /// Estimates the model.
  ///
  /// - Parameters:
  ///   - covariance: `.unadjusted`, `.robust` (default), `.kernel` or one-way
  ///     `.clustered`, each the GMM moment-covariance estimator at the final residuals.
  ///   - debiased: Scale S by n/(n−k) and use t and F distributions.
  ///   - iterationLimit: 2 for two-step GMM (linearmodels' `iter_limit`); 1 keeps
  ///     the initial weight.
  ///   - tolerance: Convergence bound on δᵀV⁻¹δ.
  ///   - initialWeight: The first-step weight (|Z|×|Z|); (ZᵀZ/n)⁻¹ when nil.
  /// - Throws: ``ModelError`` for collinear or unidentified models, a singular
  ///   moment covariance (too few clusters or observations), an initial weight
  ///   of the wrong shape, unsupported covariances (HC1–HC3, two-way clusters)
  ///   and invalid clusters or bandwidths.
  public func fit(
    covariance: CovarianceEstimator = .robust, debiased: Bool = false, iterationLimit: Int = 2,
    tolerance: Double = 1e-4, initialWeight: Matrix? = nil
  ) throws(ModelError) -> RegressionResults {
    let core = try LinearFit(
      y: design.dependent, x: design.regressors, xNames: design.regressorNames, z: design.allInstruments,
      zNames: design.allInstrumentNames, exogenousCount: design.exogenous.columns)
    let z = design.allInstruments
    let estimator = try momentCovariance(fit: core)
    let n = core.n

    let weight0: Matrix
    let params0: [Double]
    if let initialWeight {
      guard initialWeight.rows == z.columns, initialWeight.columns == z.columns else {
        throw .invalidInitialWeight(
          "the initial weight must be a \(z.columns) by \(z.columns) matrix, not \(initialWeight.rows) by \(initialWeight.columns)")
      }
      guard initialWeight.columnMajorValues.allSatisfy(\.isFinite) else {
        throw .invalidInitialWeight("the initial weight has non-finite values")
      }
      weight0 = initialWeight
      params0 = try GMMEstimation.parameters(x: core.x, y: core.y, z: z, weight: initialWeight)
    } else {
      guard let inverse = try? ((1 / Double(n)) * z.gram()).symmetricInverse() else {
        throw .singularMomentCovariance("ZᵀZ is singular")
      }
      weight0 = inverse
      params0 = core.params
    }
    let estimate = try GMMEstimation.iterate(
      x: core.x, y: core.y, z: z, initialParams: params0, initialWeight: weight0, estimator: estimator,
      iterationLimit: iterationLimit, tolerance: tolerance)
    let fit = LinearFit(gmmParams: estimate.params, of: core)

    let (resolved, covarianceEstimator) = try parameterCovariance(covariance, fit: core, debiased: debiased)
    let s = try covarianceEstimator.estimate(z: z, residuals: fit.residuals, parameterCount: fit.k)
    let a = (1 / Double(n)) * core.x.transposeMultiplied(by: z)
    let aw = a.multiplied(by: estimate.weightMatrix)
    guard let bread = try? aw.multiplied(by: a.transposed()).symmetrized().symmetricInverse() else {
      throw .singularMomentCovariance("AWAᵀ is singular for the final GMM weight matrix")
    }
    let meat = aw.multiplied(by: s.matrix).multiplied(by: aw.transposed())
    let covarianceMatrix = ((1 / Double(n)) * bread.multiplied(by: meat).multiplied(by: bread)).symmetrized()
    var finalResolved = resolved
    if case .kernel(let type, _, let automatic) = resolved.kind, let used = s.bandwidth {
      finalResolved = ResolvedCovariance(
        estimator: resolved.estimator, kind: .kernel(type, bandwidth: used, automatic: automatic))
    }

    let gmm = GMMResults(
      weightMatrix: estimate.weightMatrix, iterations: estimate.iterations, weightType: weightType,
      weightBandwidth: estimate.bandwidth, params: estimate.params, momentCovariance: estimate.momentCovariance,
      estimator: estimator, design: design)
    return RegressionResults(
      method: "IV-GMM", design: design, fit: fit, covariance: finalResolved, covarianceMatrix: covarianceMatrix,
      debiased: debiased, gmm: gmm)
  }

  /// The weight estimator with clusters read and the bandwidth checked.
  func momentCovariance(fit: LinearFit) throws(ModelError) -> MomentCovariance {
    let kind: MomentCovariance.Kind
    switch weightType {
    case .unadjusted: kind = .unadjusted
    case .robust: kind = .robust
    case .kernel(let type, let bandwidth):
      if let bandwidth {
        guard bandwidth > 0, bandwidth < Double(fit.n) else { throw .invalidBandwidth(bandwidth, observations: fit.n) }
      }
      kind = .kernel(type, bandwidth: bandwidth)
    case .clustered(let specification):
      kind = .clustered(try oneWayClusters(specification, fit: fit))
    }
    return MomentCovariance(kind: kind, center: center, debiased: debiasedWeight)
  }

  /// The parameter covariance as a resolved estimator (for the summary) and the
  /// moment-covariance estimator evaluated at the final residuals.
  private func parameterCovariance(
    _ covariance: CovarianceEstimator, fit: LinearFit, debiased: Bool
  ) throws(ModelError) -> (ResolvedCovariance, MomentCovariance) {
    let resolved: ResolvedCovariance
    let kind: MomentCovariance.Kind
    switch covariance {
    case .unadjusted:
      resolved = ResolvedCovariance(estimator: covariance, kind: .unadjusted)
      kind = .unadjusted
    case .robust:
      resolved = ResolvedCovariance(estimator: covariance, kind: .heteroskedastic(0))
      kind = .robust
    case .hc1, .hc2, .hc3:
      throw .unsupportedGMMOption("IVGMM supports the unadjusted, robust, kernel and clustered covariances, not \(covariance.name)")
    case .kernel(let type, let bandwidth):
      if let bandwidth {
        guard bandwidth > 0, bandwidth < Double(fit.n) else { throw .invalidBandwidth(bandwidth, observations: fit.n) }
      }
      resolved = ResolvedCovariance(
        estimator: covariance, kind: .kernel(type, bandwidth: bandwidth ?? 0, automatic: bandwidth == nil))
      kind = .kernel(type, bandwidth: bandwidth)
    case .clustered(let specification):
      let groups = try oneWayClusters(specification, fit: fit)
      resolved = ResolvedCovariance(estimator: covariance, kind: .clustered(groups))
      kind = .clustered(groups)
    }
    return (resolved, MomentCovariance(kind: kind, center: false, debiased: debiased))
  }

  /// One-way clusters for the model's rows.
  private func oneWayClusters(_ specification: ClusterSpecification, fit: LinearFit) throws(ModelError) -> ClusterGroups {
    let resolved = try ResolvedCovariance(.clustered(specification), fit: fit, design: design, table: table)
    guard case .clustered(let groups) = resolved.kind, groups.codes.count == 1 else {
      throw .unsupportedGMMOption("IVGMM supports one-way clustering only")
    }
    return groups
  }
}
