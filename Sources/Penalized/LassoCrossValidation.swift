public import LinearAlgebra

/// K-fold cross-validation of the lasso with scikit-learn's conventions
/// (`sklearn.linear_model.LassoCV`, 1.9).
///
/// The steps follow `LassoCV.fit`:
///
/// 1. **One α grid for every fold**, computed on all rows: `alphaCount` values from
///    `α_max = max_j |Σᵢ (x_ij − x̄_j)(yᵢ − ȳ)| / n` down to `alphaRatio · α_max`, evenly
///    spaced in log scale (``LassoPath/alphaGrid(_:fitIntercept:count:ratio:)``), or the
///    given ``alphas`` sorted decreasingly.
/// 2. Each fold: the training rows are centred by their own means and the path is solved
///    with warm starts (``lassoPath(_:alphas:fitIntercept:tolerance:maxIterations:)``,
///    scikit-learn's Gram solver, iteration for iteration); the held-out rows' mean
///    squared error at each α is one column of `mse_path_`.
/// 3. The criterion is the **unweighted mean over folds** (glmnet weights by fold size);
///    `alpha_` is the first α (the largest) attaining its minimum. There is no 1-SE rule.
/// 4. `Lasso(alpha_)` is refitted on all rows with the same `tol` and `max_iter`.
///
/// Unlike `cv.glmnet` there is no standardisation: α penalises the coefficients on the
/// columns' own scale. As in ``GlmnetCrossValidation`` the data are read once (fold
/// statistics subtracted from the whole) and the folds run concurrently.
///
/// ```swift
/// let cv = try LassoCrossValidation(tolerance: 1e-12).fit(x, y, foldIDs: folds)
/// cv.alpha                    // alpha_
/// cv.fit.selectedColumns      // the refit's non-zero coefficients
/// ```
public struct LassoCrossValidation: Sendable, Equatable {
  /// The number of α of the generated grid (`n_alphas` / `alphas=int`, default 100).
  public var alphaCount: Int
  /// α_min / α_max of the generated grid (`eps`, default 10⁻³).
  public var alphaRatio: Double
  /// A grid to use instead of the generated one (`alphas=array`), sorted decreasingly.
  public var alphas: [Double]?
  /// Whether to centre and fit an intercept (`fit_intercept`, default `true`).
  public var fitIntercept: Bool
  /// scikit-learn's `tol` (default 10⁻⁴) for every fit: the duality gap must fall to
  /// `tol · ‖y‖²/n`. The CV curve moves with it (reference notes §3.3): use the value of
  /// the run to reproduce.
  public var tolerance: Double
  /// scikit-learn's `max_iter` (epochs per α, default 1000).
  public var maxIterations: Int

  /// `LassoCV` with scikit-learn's defaults, or the given values.
  public init(
    alphaCount: Int = 100, alphaRatio: Double = 1e-3, alphas: [Double]? = nil, fitIntercept: Bool = true,
    tolerance: Double = 1e-4, maxIterations: Int = 1000
  ) {
    self.alphaCount = alphaCount
    self.alphaRatio = alphaRatio
    self.alphas = alphas
    self.fitIntercept = fitIntercept
    self.tolerance = tolerance
    self.maxIterations = maxIterations
  }

  /// Cross-validates with explicit folds (scikit-learn's `PredefinedSplit(foldIDs)`; the
  /// folds are taken in increasing label order).
  ///
  /// - Parameters:
  ///   - x: the *n*×*p* design, without an intercept column.
  ///   - y: the *n* responses.
  ///   - foldIDs: the fold of each row, any integer labels, at least 2 distinct.
  ///   - progress: called after each fold's path with the number of folds done and the
  ///     number of folds, from any thread, one call at a time.
  /// - Throws: ``PenalizedError`` for mismatched sizes, NaN or infinite data, fewer than 2
  ///   folds, and options outside their domains.
  /// - Complexity: O(*n* *p*²) once for the statistics, then O(*p*) per coefficient change.
  public func fit(
    _ x: Matrix, _ y: [Double], foldIDs: [Int],
    progress: (@Sendable (_ foldsDone: Int, _ folds: Int) -> Void)? = nil
  ) throws -> LassoCrossValidatedPath {
    guard y.count == x.rows else { throw PenalizedError.mismatchedSizes(what: "y", expected: x.rows, found: y.count) }
    return try fit(x, y, folds: CrossValidationFolds(labels: foldIDs, rows: x.rows), progress: progress)
  }

  /// Cross-validates with scikit-learn's default splitter, `KFold(folds)` without
  /// shuffling: contiguous blocks of rows, the first `n mod folds` one row longer
  /// (`LassoCV(cv=folds)`; the default `cv=None` is 5).
  ///
  /// - Throws: ``PenalizedError/invalidParameter(name:value:requirement:)`` unless
  ///   2 ≤ `folds` ≤ n, and the errors of ``fit(_:_:foldIDs:progress:)``.
  public func fit(
    _ x: Matrix, _ y: [Double], folds: Int = 5,
    progress: (@Sendable (_ foldsDone: Int, _ folds: Int) -> Void)? = nil
  ) throws -> LassoCrossValidatedPath {
    guard y.count == x.rows else { throw PenalizedError.mismatchedSizes(what: "y", expected: x.rows, found: y.count) }
    return try fit(x, y, folds: CrossValidationFolds.contiguous(rows: x.rows, folds: folds), progress: progress)
  }

  /// Cross-validates over the given folds.
  func fit(
    _ x: Matrix, _ y: [Double], folds: CrossValidationFolds,
    progress: (@Sendable (_ foldsDone: Int, _ folds: Int) -> Void)?
  ) throws -> LassoCrossValidatedPath {
    try InputChecks.nonNegative(tolerance, name: "tolerance")
    try InputChecks.atLeast(maxIterations, 1, name: "maxIterations")
    let statistics = try FoldStatistics(x: x, y: y, folds: folds)
    let grid: [Double]
    if let alphas {
      guard !alphas.isEmpty else {
        throw PenalizedError.invalidParameter(name: "alphas", value: "[]", requirement: "at least one value")
      }
      for a in alphas { try InputChecks.nonNegative(a, name: "alpha") }
      grid = alphas.sorted(by: >)
    } else {
      grid = try LassoPath.alphaGrid(statistics.whole, fitIntercept: fitIntercept, count: alphaCount, ratio: alphaRatio)
    }
    let counter = ProgressCounter(total: folds.count, report: progress)
    let (fitIntercept, tolerance, maxIterations) = (self.fitIntercept, self.tolerance, self.maxIterations)
    // Each fold's held-out mean squared errors along the grid.
    let errors: [[Double]] = try Parallel.map(folds.count) { k in
      let training = try statistics.training(k, rejectingConstantResponse: false)
      let path = try lassoPath(
        training, alphas: .values(grid), fitIntercept: fitIntercept, tolerance: tolerance,
        maxIterations: maxIterations)
      let part = statistics.heldOut[k]
      let mse = path.fits.map { fit in
        part.squaredError(intercept: fit.intercept, coefficients: fit.coefficients) / Double(part.observations)
      }
      counter.increment()
      return mse
    }
    let meanErrors = grid.indices.map { l in errors.reduce(0) { $0 + $1[l] } / Double(errors.count) }
    let smallest = meanErrors.filter { !$0.isNaN }.min() ?? .nan
    let index = meanErrors.firstIndex { $0 <= smallest } ?? 0
    let refit = try Lasso(
      alpha: grid[index], fitIntercept: fitIntercept, tolerance: tolerance, maxIterations: maxIterations
    ).fit(statistics.whole)
    return LassoCrossValidatedPath(
      alphas: grid, foldErrors: grid.indices.map { l in errors.map { $0[l] } }, meanErrors: meanErrors, index: index,
      fit: refit, foldIDs: folds.labels)
  }
}

/// A cross-validated scikit-learn lasso (the fitted attributes of `LassoCV`).
public struct LassoCrossValidatedPath: Sendable, Equatable {
  /// The α grid shared by the folds, decreasing (`alphas_`).
  public let alphas: [Double]
  /// The held-out mean squared error of each fold at each α: `foldErrors[l][k]` is fold k
  /// (increasing label) at `alphas[l]` (`mse_path_`).
  public let foldErrors: [[Double]]
  /// The unweighted mean over folds of ``foldErrors`` at each α.
  public let meanErrors: [Double]
  /// The position of the chosen α: the first (largest) α with the smallest mean error.
  public let index: Int
  /// The refit at the chosen α on all rows (`coef_`, `intercept_`, `n_iter_`,
  /// `dual_gap_`).
  public let fit: LassoFit
  /// The fold label of every row, as used.
  public let foldIDs: [Int]

  /// Creates a result from its parts.
  public init(
    alphas: [Double], foldErrors: [[Double]], meanErrors: [Double], index: Int, fit: LassoFit, foldIDs: [Int]
  ) {
    self.alphas = alphas
    self.foldErrors = foldErrors
    self.meanErrors = meanErrors
    self.index = index
    self.fit = fit
    self.foldIDs = foldIDs
  }

  /// The chosen α (`alpha_`).
  public var alpha: Double { alphas[index] }
  /// The refit's coefficients (`coef_`).
  public var coefficients: [Double] { fit.coefficients }
  /// The refit's intercept (`intercept_`).
  public var intercept: Double { fit.intercept }
  /// The zero-based columns with a non-zero coefficient in the refit.
  public var selectedColumns: [Int] { fit.selectedColumns }
}
