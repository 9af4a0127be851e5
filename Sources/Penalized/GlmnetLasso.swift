#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
public import LinearAlgebra

/// The lasso path of R's glmnet (`glmnet(x, y)`, gaussian family, `alpha = 1`).
///
/// glmnet minimises, for each λ of a decreasing sequence,
///
///     RSS/(2n) + λ · Σ_j v_j · s_j · |β_j|
///
/// where v are the penalty factors rescaled to sum to p and `s_j` is the 1/n standard
/// deviation of column j when ``GlmnetOptions/standardize`` is on (1 otherwise); the
/// intercept is unpenalised. The port follows glmnet 4.1:
///
/// * **Standardisation**: columns centred (with an intercept) and divided by their 1/n
///   standard deviation, y divided by its own, so λ is reported in the units of y;
///   constant columns are left out; coefficients are returned on the original scale.
/// * **λ sequence**: the first point is glmnet's "infinity" (only unpenalised columns
///   move); λ_max = `max_j |x̃_jᵀr̃| / v_j` is computed from the residual after it; then
///   `lambdaCount − 1` values shrinking by `ratio^(1/(lambdaCount−1))` per step, ratio =
///   `lambdaMinRatio` (10⁻⁴, or 0.01 when n < p). The reported first λ is
///   `exp(2 log λ₂ − log λ₃)`, as R's `fix.lam`.
/// * **Solver**: covariance-form coordinate descent with warm starts and an ever-active
///   set, sweep for sweep as glmnet's `elnet1` (see `thresh` in ``GlmnetOptions``), so
///   the coefficients agree with glmnet's own to rounding, not only to its threshold.
/// * **Early stop** (generated grids, from the 5th λ): fewer than `1e-5` relative gain in
///   deviance explained, more than 0.999 explained, or more than `dfmax` non-zeros.
///
/// glmnet itself switches to its "naive" solver when p ≥ 500; this port always uses the
/// covariance form (same solutions, different iterations, so agreement with glmnet is
/// then only to its threshold).
///
/// ```swift
/// let path = try GlmnetLasso().fit(x, y)
/// path.lambdas.count       // 62 on the reference data set A (stopped early)
/// path.coefficients[19]    // the solution at the 20th λ
/// ```
public struct GlmnetLasso: Sendable, Equatable {
  /// The glmnet options.
  public var options: GlmnetOptions

  /// A glmnet lasso with the given options (glmnet's defaults if none).
  public init(options: GlmnetOptions = GlmnetOptions()) { self.options = options }

  /// Fits the path of `y` on the columns of `x`.
  ///
  /// - Throws: ``PenalizedError`` for empty or mismatched data, NaN or infinite values, a
  ///   constant y, no usable column, or options outside their domains (negative λ or
  ///   penalty factors, all factors zero, a ratio outside [0, 1), an excluded index out of
  ///   range, `lambdaCount < 1`, a threshold ≤ 0, …).
  /// - Complexity: O(*n* *p*²) for the Gram matrix, then O(*p*) per coefficient change.
  public func fit(_ x: Matrix, _ y: [Double]) throws -> GlmnetPath {
    try validate(columns: x.columns)
    return try fit(GramStatistics(x: x, y: y))
  }

  /// Fits the path from precomputed statistics (a cross-validation fold's, for instance).
  ///
  /// Constant columns are recognised by a variance below 10⁻²⁶ of their squared scale.
  ///
  /// - Throws: the option and response errors of ``fit(_:_:)``.
  public func fit(_ statistics: GramStatistics) throws -> GlmnetPath {
    let p = statistics.columns, n = statistics.observations
    try validate(columns: p)
    var excluded = [Bool](repeating: false, count: p)
    for j in options.excludedColumns { excluded[j] = true }
    var factors = options.penaltyFactors ?? [Double](repeating: 1, count: p)
    for j in 0..<p where factors[j] == .infinity { excluded[j] = true }
    for j in 0..<p where excluded[j] { factors[j] = 1 }
    guard (factors.max() ?? 0) > 0 else {
      throw PenalizedError.invalidParameter(
        name: "penaltyFactors", value: "\(factors)", requirement: "non-negative with at least one positive")
    }
    let problem = try GlmnetStandardization(
      statistics: statistics, standardize: options.standardize, fitIntercept: options.fitIntercept,
      excluded: excluded, factors: factors)
    let lambdas: CovarianceCoordinateDescent.Lambdas
    if let given = options.lambdas {
      lambdas = .given(given.sorted(by: >).map { $0 / problem.yScale })
    } else {
      lambdas = .generated(count: options.lambdaCount, ratio: options.lambdaMinRatio ?? (n < p ? 0.01 : 1e-4))
    }
    let dfmax = options.maxNonzero ?? p + 1
    let solver = CovarianceCoordinateDescent(
      problem: problem, threshold: options.threshold, maxPasses: options.maxPasses, maxNonzero: dfmax,
      maxEverActive: options.maxEverActive ?? min(2 * dfmax + 20, p),
      minimumDevianceChange: options.minimumDevianceChange, maximumDevianceRatio: options.maximumDevianceRatio)
    let output = solver.run(lambdas)
    return Self.originalScale(output, problem: problem, generated: options.lambdas == nil)
  }

  /// Maps the internal solutions back: `λ = λ̃·s_y`, `β_j = b_j·s_y/s_j`,
  /// `β₀ = ȳ − Σ β_j x̄_j` (summed in order of entry, as glmnet), then R's `fix.lam`.
  private static func originalScale(
    _ output: CovarianceCoordinateDescent.Output, problem: GlmnetStandardization, generated: Bool
  ) -> GlmnetPath {
    let ys = problem.yScale
    var lambdas = output.lambdas.map { $0 * ys }
    var intercepts: [Double] = []
    var coefficients: [[Double]] = []
    for (b, entered) in zip(output.coefficients, output.entered) {
      var beta = [Double](repeating: 0, count: problem.p)
      var intercept = problem.yMean
      var correction = 0.0
      for k in entered {
        beta[k] = ys * b[k] / problem.xScales[k]
        correction += beta[k] * problem.xMeans[k]
      }
      intercept -= correction
      coefficients.append(beta)
      intercepts.append(intercept)
    }
    if generated && lambdas.count > 2 {
      lambdas[0] = exp(2 * log(lambdas[1]) - log(lambdas[2]))
    }
    return GlmnetPath(
      lambdas: lambdas, intercepts: intercepts, coefficients: coefficients,
      devianceRatios: output.devianceRatios, nullDeviance: problem.nullDeviance, passes: output.passes,
      termination: output.termination)
  }

  /// Throws unless every option is in its domain for `columns` columns.
  private func validate(columns p: Int) throws(PenalizedError) {
    try InputChecks.atLeast(options.lambdaCount, 1, name: "lambdaCount")
    if let ratio = options.lambdaMinRatio {
      guard ratio.isFinite && ratio >= 0 && ratio < 1 else {
        throw .invalidParameter(name: "lambdaMinRatio", value: "\(ratio)", requirement: "in [0, 1)")
      }
    }
    if let lambdas = options.lambdas {
      guard !lambdas.isEmpty else {
        throw .invalidParameter(name: "lambdas", value: "[]", requirement: "at least one value")
      }
      for l in lambdas { try InputChecks.nonNegative(l, name: "lambda") }
    }
    if let factors = options.penaltyFactors {
      guard factors.count == p else {
        throw .mismatchedSizes(what: "penaltyFactors", expected: p, found: factors.count)
      }
      for f in factors where !(f >= 0) {
        throw .invalidParameter(name: "penalty factor", value: "\(f)", requirement: "≥ 0 (or .infinity to exclude)")
      }
    }
    for j in options.excludedColumns where j < 0 || j >= p {
      throw .indexOutOfRange(what: "excluded column", index: j, count: p)
    }
    try InputChecks.positive(options.threshold, name: "threshold")
    try InputChecks.atLeast(options.maxPasses, 1, name: "maxPasses")
    if let dfmax = options.maxNonzero { try InputChecks.atLeast(dfmax, 0, name: "maxNonzero") }
    if let pmax = options.maxEverActive { try InputChecks.atLeast(pmax, 0, name: "maxEverActive") }
    try InputChecks.nonNegative(options.minimumDevianceChange, name: "minimumDevianceChange")
    guard options.maximumDevianceRatio.isFinite else {
      throw .invalidParameter(
        name: "maximumDevianceRatio", value: "\(options.maximumDevianceRatio)", requirement: "finite")
    }
  }
}
