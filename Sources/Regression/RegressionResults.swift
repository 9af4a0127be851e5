import Distributions
public import Formulas
public import Foundation
public import LinearAlgebra

/// The estimates and inference of an ``OLS`` or ``IV2SLS`` fit, with
/// linearmodels 7.1's definitions.
///
/// Parameters are ordered exogenous first, then endogenous. With
/// `debiased: false` (the default) p-values and intervals use the normal
/// distribution and the model test is χ²; `debiased: true` scales the
/// covariance by n/(n−k) and uses t(n−k) and F.
public struct RegressionResults: Sendable {
  /// "OLS" or "IV-2SLS".
  public let method: String
  /// The inputs of the fit.
  public let design: DesignMatrices
  /// The covariance estimator requested.
  public let covarianceEstimator: CovarianceEstimator
  /// The estimator with its clusters and bandwidth fixed (reused by the first stage).
  let resolvedCovariance: ResolvedCovariance
  /// Whether the small-sample correction n/(n−k) and t/F inference are used.
  public let debiased: Bool
  /// When the model was fitted (printed in the summary header).
  public let fitDate: Date
  /// The dense fit; nil when the groups were absorbed (``absorbed``).
  let fit: LinearFit?
  /// The absorbed fit's statistics, for its first stage and diagnostics; nil for a dense fit.
  let absorbed: AbsorbedModel?
  /// What every route provides.
  let estimates: FitEstimates

  /// Parameter names, exogenous then endogenous.
  public var parameterNames: [String] { estimates.names }
  /// The estimates β.
  public var params: [Double] { estimates.params }
  /// The parameters' covariance matrix.
  public let covariance: Matrix
  /// Standard errors √diag(cov).
  public let stdErrors: [Double]
  /// The weight matrix, iterations and J statistics of an ``IVGMM`` fit; nil otherwise.
  public let gmm: GMMResults?
  /// How the instruments were selected from candidates (LASSO), when they were.
  public internal(set) var instrumentSelection: InstrumentSelectionReport?

  init(method: String, design: DesignMatrices, fit: LinearFit, covariance: ResolvedCovariance, debiased: Bool) {
    self.method = method
    self.design = design
    self.fit = fit
    self.absorbed = nil
    self.estimates = FitEstimates(fit, names: design.regressorNames)
    self.covarianceEstimator = covariance.estimator
    self.resolvedCovariance = covariance
    self.debiased = debiased
    self.fitDate = Date()
    self.covariance = fit.covariance(covariance, debiased: debiased)
    self.stdErrors = self.covariance.diagonal.map { $0 >= 0 ? $0.squareRoot() : .nan }
    self.gmm = nil
  }

  /// The κ of the κ-class estimate: 1 for 2SLS (and OLS, as linearmodels reports it), κ̂ or Fuller's κ for LIML.
  public var kappa: Double { estimates.kappa }

  /// The kernel bandwidth used by a HAC covariance (chosen automatically unless given).
  public var kernelBandwidth: Double? {
    if case .kernel(_, let bandwidth, _) = resolvedCovariance.kind { return bandwidth }
    return nil
  }

  /// The number of clusters per clustering dimension of a cluster-robust covariance.
  public var clusterCounts: [Int]? {
    if case .clustered(let groups) = resolvedCovariance.kind { return groups.counts }
    return nil
  }

  // MARK: - Inference

  /// β / se.
  public var tstats: [Double] { zip(params, stdErrors).map { $0 / $1 } }

  /// Two-sided p-values of the t statistics: 2·Φ̄(|t|), or 2·T̄ₙ₋ₖ(|t|) when debiased.
  public var pvalues: [Double] {
    tstats.map { t in
      debiased
        ? 2 * StudentT(degreesOfFreedom: Double(dfResidual)).sf(abs(t))
        : 2 * Normal().sf(abs(t))
    }
  }

  /// Confidence intervals β ± q·se, with q the normal (or t(n−k) when debiased) quantile.
  ///
  /// - Throws: ``ModelError/invalidLevel(_:)`` unless 0 < level < 1.
  public func confidenceIntervals(level: Double = 0.95) throws(ModelError) -> [(lower: Double, upper: Double)] {
    guard level > 0, level < 1 else { throw .invalidLevel(level) }
    let lowerTail = (1 - level) / 2
    let (qLower, qUpper): (Double, Double)
    if debiased {
      let t = StudentT(degreesOfFreedom: Double(dfResidual))
      (qLower, qUpper) = (t.quantile(lowerTail), t.quantile(1 - lowerTail))
    } else {
      (qLower, qUpper) = (Normal().quantile(lowerTail), Normal().quantile(1 - lowerTail))
    }
    return zip(params, stdErrors).map { (lower: $0 + qLower * $1, upper: $0 + qUpper * $1) }
  }

  /// Parameters whose standard error is zero up to rounding: below 1e-8 of the
  /// homoskedastic standard error s·√[(X̂ᵀX̂)⁻¹]ⱼⱼ. This happens when an estimate
  /// is determined exactly by the data (for example a group mean of a variable
  /// that is constant within the group); its t statistic is then a ratio of
  /// rounding errors and carries no information.
  public var numericallyZeroStandardErrors: [String] {
    let sigma2 = residualSumOfSquares / Double(nobs)
    return parameterNames.indices.compactMap { j in
      let reference = (sigma2 * estimates.breadDiagonal[j]).squareRoot()
      return stdErrors[j] <= 1e-8 * reference ? parameterNames[j] : nil
    }
  }

  // MARK: - Fit statistics

  /// Observations used.
  public var nobs: Int { estimates.observations }
  /// Number of parameters (including the constant), linearmodels' `df_model`.
  public var dfModel: Int { estimates.params.count }
  /// n − k.
  public var dfResidual: Int { nobs - dfModel }
  /// Rows dropped for missing values before estimation.
  public var rowsDropped: Int { design.droppedRowCount }
  /// y − Xβ (empty for a streamed fit, which keeps no rows).
  public var residuals: [Double] { estimates.residuals }
  /// Xβ (empty for a streamed fit).
  public var fittedValues: [Double] { Vector.subtracting(estimates.dependent, estimates.residuals) }
  /// eᵀe.
  public var residualSumOfSquares: Double { estimates.residualSumOfSquares }
  /// Whether the regressors contain a constant (explicitly or in their span).
  public var hasConstant: Bool {
    // An absorbed model's groups always span the constant.
    fit.map { ConstantDetection.constant(in: $0.x).present } ?? true
  }
  /// Σ(y − ȳ)² with a constant, Σy² without.
  public var totalSumOfSquares: Double {
    hasConstant ? estimates.centredTotalSumOfSquares : estimates.uncentredTotalSumOfSquares
  }
  /// Total minus residual sum of squares.
  public var modelSumOfSquares: Double { totalSumOfSquares - residualSumOfSquares }
  /// 1 − RSS/TSS (can be negative for IV); NaN when the total sum of squares is
  /// rounding noise (a constant dependent variable), as linearmodels 7.1.
  public var rsquared: Double {
    let total = totalSumOfSquares
    let noise = Double(max(nobs, 100)) * Double.ulpOfOne
    guard total > noise * noise * estimates.uncentredTotalSumOfSquares else { return .nan }
    return 1 - residualSumOfSquares / total
  }
  /// 1 − (n − c)/(n − k)·(1 − R²), c = 1 with a constant.
  public var rsquaredAdjusted: Double {
    let c = hasConstant ? 1.0 : 0.0
    return 1 - (Double(nobs) - c) / Double(dfResidual) * (1 - rsquared)
  }
  /// c·eᵀe/n with c = n/(n−k) when debiased.
  public var s2: Double {
    let scale = debiased ? Double(nobs) / Double(dfResidual) : 1
    return scale * residualSumOfSquares / Double(nobs)
  }

  /// Wald test that every parameter except the constant is zero, under the
  /// model's covariance: χ²(q), or W/q ~ F(q, n−k) when debiased.
  public var fStatistic: TestStatistic {
    let name = "Model F-statistic"
    let null = "All parameters ex. constant are zero"
    let constant = fit.map { ConstantDetection.firstConstantColumn($0.x) } ?? absorbed?.interceptParameter
    let tested = (0..<dfModel).filter { $0 != constant }
    // An absorbed categorical with thousands of levels: inverting its covariance would cost
    // O(k³), far more than the fit.
    if absorbed != nil && tested.count > Self.absorbedWaldLimit {
      return TestStatistic(
        invalid: name, nullHypothesis: null,
        reason: "not computed for more than \(Self.absorbedWaldLimit) parameters of an absorbed fit")
    }
    guard !tested.isEmpty,
      let w = waldStatistic(params: tested.map { params[$0] }, covariance: covariance.submatrix(rows: tested, columns: tested))
    else { return TestStatistic(invalid: name, nullHypothesis: null, reason: "no non-constant regressor or singular covariance") }
    let q = tested.count
    return debiased
      ? TestStatistic(name: name, nullHypothesis: null, statistic: w / Double(q), distribution: .f(q, dfResidual))
      : TestStatistic(name: name, nullHypothesis: null, statistic: w, distribution: .chiSquared(q))
  }
}

extension RegressionResults {
  /// The most parameters an absorbed fit's model F-test and condition number handle (their
  /// cost grows with the cube of the count).
  static let absorbedWaldLimit = 2000
}

/// bᵀC⁻¹b, or nil when C is singular to rounding (its smallest eigenvalue in
/// magnitude is below q·ε of its largest) — as a cluster-robust covariance with no more
/// clusters than tested parameters is: its rank is at most G − 1, and inverting
/// it would return noise (linearmodels prints such noise; we report no test).
func waldStatistic(params b: [Double], covariance c: Matrix) -> Double? {
  // Two-way cluster covariances can be indefinite yet invertible: test |λ|, not λ.
  let magnitudes = SymmetricEigenDecomposition(c).eigenvalues.map { abs($0) }
  guard let smallest = magnitudes.min(), let largest = magnitudes.max(), largest > 0,
    smallest > Double(magnitudes.count) * Double.ulpOfOne * largest
  else { return nil }
  guard let inverse = try? c.symmetricInverse() else { return nil }
  let w = Vector.dot(b, inverse.multiplied(by: b))
  return w.isFinite ? w : nil
}
