public import LinearAlgebra

/// The lasso with scikit-learn's objective and stopping rule (`sklearn.linear_model.Lasso`).
///
/// Minimises
///
///     (1/(2n))·‖y − Xw − b‖² + α·‖w‖₁
///
/// With `fitIntercept` (the default), X and y are centred by their means, the problem
/// is solved without intercept and `b = ȳ − x̄ᵀw`; without it, nothing is centred and
/// `b = 0`. There is no standardisation: α penalises the coefficients on the scale of
/// the columns (for glmnet's standardised penalty use ``GlmnetLasso``).
///
/// The solver is scikit-learn 1.9's cyclic coordinate descent in Gram form, iteration
/// for iteration: an epoch visits the features 0, 1, …, p−1; after an epoch whose
/// largest coefficient change is at most `tolerance` × the largest coefficient, the
/// duality gap is computed and the fit stops when it is at most
/// `tolerance · ‖y‖²` on the *n*-scaled objective (y centred when fitting an intercept),
/// i.e. when the gap of the objective above is at most `tolerance · ‖y‖²/n`. Gap-Safe
/// screening freezes features that are provably zero. With the same `tolerance` the
/// coefficients agree with scikit-learn's to rounding, not only to the tolerance.
///
/// ```swift
/// let fit = try Lasso(alpha: 0.05).fit(x, y)
/// fit.coefficients   // [1.9115…, −1.4393…, 0.9391…, …]
/// fit.intercept      // 2.99949…
/// ```
///
/// - SeeAlso: ``lassoPath(_:_:alphas:fitIntercept:tolerance:maxIterations:)`` for a grid of
///   α with warm starts; ``GlmnetLasso`` for R glmnet's conventions.
public struct Lasso: Sendable, Equatable {
  /// The penalty α (scikit-learn's `alpha`), at least 0. α = 0 is least squares by
  /// coordinate descent (scikit-learn warns against it; it converges slowly).
  public var alpha: Double
  /// Whether to centre X and y and fit an intercept (`fit_intercept`).
  public var fitIntercept: Bool
  /// The stopping tolerance (`tol`), at least 0: the duality gap must fall to
  /// `tolerance · ‖y‖²/n`.
  public var tolerance: Double
  /// The maximum number of epochs (`max_iter`), at least 1.
  public var maxIterations: Int

  /// A lasso with scikit-learn's defaults: α = 1, an intercept, `tol = 1e-4`,
  /// `max_iter = 1000`.
  public init(alpha: Double = 1, fitIntercept: Bool = true, tolerance: Double = 1e-4, maxIterations: Int = 1000) {
    self.alpha = alpha
    self.fitIntercept = fitIntercept
    self.tolerance = tolerance
    self.maxIterations = maxIterations
  }

  /// Fits the lasso of `y` on the columns of `x`.
  ///
  /// - Parameters:
  ///   - x: the *n*×*p* design, without an intercept column.
  ///   - y: the *n* responses.
  /// - Returns: the coefficients, intercept and convergence information. A fit that
  ///   used up `maxIterations` is returned with `converged == false` (scikit-learn's
  ///   `ConvergenceWarning`).
  /// - Throws: ``PenalizedError`` for empty or mismatched data, NaN or infinite values,
  ///   or an α, tolerance or iteration limit outside its domain.
  /// - Complexity: O(*n* *p*²) for the Gram matrix, then O(*p*) per coefficient change.
  public func fit(_ x: Matrix, _ y: [Double]) throws -> LassoFit {
    try validate()
    return try fit(GramStatistics(x: x, y: y))
  }

  /// Fits the lasso from precomputed statistics (for example a cross-validation fold's,
  /// from ``GramStatistics/removingRows(_:of:y:)``).
  ///
  /// - Throws: ``PenalizedError/invalidParameter(name:value:requirement:)`` for an α,
  ///   tolerance or iteration limit outside its domain.
  public func fit(_ statistics: GramStatistics) throws -> LassoFit {
    try validate()
    let problem = GapSafeCoordinateDescent(statistics: statistics, fitIntercept: fitIntercept)
    let n = Double(statistics.observations)
    var w = [Double](repeating: 0, count: statistics.columns)
    let outcome = problem.solve(l1: alpha * n, tol: tolerance, maxIterations: maxIterations, coefficients: &w)
    return LassoFit(
      alpha: alpha, coefficients: w,
      intercept: fitIntercept ? LassoFit.intercept(for: w, statistics: statistics) : 0,
      iterations: outcome.iterations, dualityGap: outcome.gap / n, converged: outcome.converged)
  }

  /// Throws unless every option is in its domain.
  private func validate() throws(PenalizedError) {
    try InputChecks.nonNegative(alpha, name: "alpha")
    try InputChecks.nonNegative(tolerance, name: "tolerance")
    try InputChecks.atLeast(maxIterations, 1, name: "maxIterations")
  }
}
