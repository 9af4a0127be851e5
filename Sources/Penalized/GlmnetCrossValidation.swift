public import LinearAlgebra

/// K-fold cross-validation of the glmnet lasso path, as R's `cv.glmnet` (gaussian family,
/// `type.measure = "mse"`, `grouped = TRUE`) in glmnet 4.1.
///
/// The steps follow `cv.glmnet`:
///
/// 1. The path is fitted on all rows; its λ are the ones reported and cross-validated.
/// 2. Each fold is fitted on its training rows with the **same options but its own λ
///    grid** (own λ_max, own early stop), as glmnet 4.x does when no λ is given.
/// 3. The held-out rows are predicted at the full-data λ by glmnet's linear
///    interpolation in λ (``GlmnetPath/coefficients(at:)``: a λ above the fold's λ_max
///    gives its first solution, one below its last λ its last solution).
/// 4. `MSE_k(λ)` is fold k's mean squared prediction error; `cvm` is the mean over folds
///    weighted by fold size (the mean over all rows), and
///    `cvsd = sqrt(Σ_k n_k (MSE_k − cvm)² / n / (K − 1))`.
///    With fewer than 3 rows per fold (n/K < 3), `cv.glmnet` switches `grouped` off and
///    the per-row errors are used instead (N = n in place of K); so does this port.
/// 5. `lambda.min` is the largest λ attaining the smallest `cvm`; `lambda.1se` the largest
///    λ with `cvm ≤ cvm[min] + cvsd[min]`.
///
/// **Speed.** The data are read once: every fold's held-out rows are reduced to Gram
/// statistics about a common shift, their sum is the full data's, and a fold's training
/// statistics are the whole minus its part (see ``GramStatistics``). The fits and the
/// held-out errors then cost O(*p*²) per λ whatever *n* is, and the folds run
/// concurrently on all cores.
///
/// **Exactness.** Each fit is the sweep-for-sweep glmnet port of ``GlmnetLasso``, so the
/// curves agree with `cv.glmnet` at the same `thresh` to rounding, not only to the
/// threshold (see the package's tests against R).
///
/// ```swift
/// let cv = try GlmnetCrossValidation().fit(x, y, foldIDs: folds)
/// cv.lambdaMin                              // lambda.min
/// cv.selectedColumns(.oneStandardError)     // the columns kept by lambda.1se
/// ```
public struct GlmnetCrossValidation: Sendable {
  /// The glmnet options of every fit (`cv.glmnet` passes them on to `glmnet`): by
  /// default standardised columns, an intercept, 100 λ down to 10⁻⁴ λ_max (0.01 when
  /// n < p) and `thresh = 1e-7`. Penalty factors (0 = unpenalised, e.g. controls) apply to
  /// the full-data and fold fits alike.
  public var options: GlmnetOptions

  /// Cross-validation with the given glmnet options (glmnet's defaults if none).
  public init(options: GlmnetOptions = GlmnetOptions()) { self.options = options }

  /// Cross-validates with explicit folds, like `cv.glmnet(x, y, foldid = foldIDs)`.
  ///
  /// - Parameters:
  ///   - x: the *n*×*p* design, without an intercept column.
  ///   - y: the *n* responses.
  ///   - foldIDs: the fold of each row, any integer labels (R's are 1…K); folds are
  ///     taken in increasing label order. At least 3 distinct labels (`cv.glmnet`'s
  ///     minimum).
  ///   - progress: called after each fold's fit with the number of folds done so far and
  ///     the number of folds, from any thread, one call at a time.
  /// - Throws: ``PenalizedError`` for mismatched sizes, NaN or infinite data, fewer than 3
  ///   folds, a fold whose training rows have a constant y, and the option errors of
  ///   ``GlmnetLasso/fit(_:_:)``.
  /// - Complexity: O(*n* *p*²) once for the statistics, then O(*p*²) per λ and fold.
  public func fit(
    _ x: Matrix, _ y: [Double], foldIDs: [Int],
    progress: (@Sendable (_ foldsDone: Int, _ folds: Int) -> Void)? = nil
  ) throws -> CrossValidatedPath {
    guard y.count == x.rows else { throw PenalizedError.mismatchedSizes(what: "y", expected: x.rows, found: y.count) }
    let folds = try CrossValidationFolds(labels: foldIDs, rows: x.rows, minimumFolds: 3)
    return try fit(x, y, folds: folds, progress: progress)
  }

  /// Cross-validates with `folds` folds of (nearly) equal size assigned from `seed`.
  ///
  /// The assignment shuffles the labels 1…K repeated to length n, as `cv.glmnet`'s
  /// `sample(rep(1:nfolds, length = n))`, but with this package's generator
  /// (SplitMix64), **not R's random-number stream**: the same seed in R gives other
  /// folds. The labels used are in ``CrossValidatedPath/foldIDs``; to reproduce an R run,
  /// pass R's `foldid` to ``fit(_:_:foldIDs:progress:)``.
  ///
  /// - Throws: ``PenalizedError/invalidParameter(name:value:requirement:)`` unless
  ///   3 ≤ `folds` ≤ n, and the errors of ``fit(_:_:foldIDs:progress:)``.
  public func fit(
    _ x: Matrix, _ y: [Double], folds: Int, seed: UInt64,
    progress: (@Sendable (_ foldsDone: Int, _ folds: Int) -> Void)? = nil
  ) throws -> CrossValidatedPath {
    guard y.count == x.rows else { throw PenalizedError.mismatchedSizes(what: "y", expected: x.rows, found: y.count) }
    let assignment = try CrossValidationFolds.shuffled(rows: x.rows, folds: folds, seed: seed, minimumFolds: 3)
    return try fit(x, y, folds: assignment, progress: progress)
  }

  /// Cross-validates over the given folds.
  func fit(
    _ x: Matrix, _ y: [Double], folds: CrossValidationFolds,
    progress: (@Sendable (_ foldsDone: Int, _ folds: Int) -> Void)?
  ) throws -> CrossValidatedPath {
    let statistics = try FoldStatistics(x: x, y: y, folds: folds)
    let lasso = GlmnetLasso(options: options)
    let counter = ProgressCounter(total: folds.count, report: progress)
    // Job 0 is the full-data path, job k the k-th fold's.
    let paths = try Parallel.map(folds.count + 1) { job -> GlmnetPath in
      if job == 0 { return try lasso.fit(statistics.whole) }
      let path = try lasso.fit(statistics.training(job - 1))
      counter.increment()
      return path
    }
    let full = paths[0], foldPaths = Array(paths.dropFirst())
    guard !full.lambdas.isEmpty, foldPaths.allSatisfy({ !$0.lambdas.isEmpty }) else {
      throw PenalizedError.invalidParameter(
        name: "maxPasses", value: "\(options.maxPasses)", requirement: "enough sweeps to solve the first λ")
    }
    let n = x.rows, k = folds.count
    let curves: (mean: [Double], sd: [Double])
    if Double(n) / Double(k) < 3 {
      curves = try Self.ungroupedCurves(x, y, folds: folds, foldPaths: foldPaths, lambdas: full.lambdas)
    } else {
      curves = Self.groupedCurves(statistics, foldPaths: foldPaths, lambdas: full.lambdas)
    }
    let (indexMin, index1se) = Self.chosenIndices(curves.mean, curves.sd)
    return CrossValidatedPath(
      path: full, meanErrors: curves.mean, standardErrors: curves.sd, indexMin: indexMin,
      indexOneStandardError: index1se, foldIDs: folds.labels, foldPaths: foldPaths)
  }

  /// `cvm` and `cvsd` from each fold's mean squared error, folds weighted by size
  /// (`cvcompute` then `weighted.mean` in R).
  static func groupedCurves(
    _ statistics: FoldStatistics, foldPaths: [GlmnetPath], lambdas: [Double]
  ) -> (mean: [Double], sd: [Double]) {
    let weights = statistics.heldOut.map { Double($0.observations) }
    let totalWeight = weights.reduce(0, +)
    let mse: [[Double]] = zip(statistics.heldOut, foldPaths).map { part, foldPath in
      lambdas.map { lambda in
        let (intercept, beta) = foldPath.coefficients(at: lambda)
        return part.squaredError(intercept: intercept, coefficients: beta) / Double(part.observations)
      }
    }
    var mean: [Double] = [], sd: [Double] = []
    let folds = Double(mse.count)
    for l in lambdas.indices {
      var m = 0.0
      for (w, e) in zip(weights, mse) { m += e[l] * w }
      m /= totalWeight
      var v = 0.0
      for (w, e) in zip(weights, mse) { v += (e[l] - m) * (e[l] - m) * w }
      mean.append(m)
      sd.append((v / totalWeight / (folds - 1)).squareRoot())
    }
    return (mean, sd)
  }

  /// `cvm` and `cvsd` from every row's squared error (`grouped = FALSE`, which
  /// `cv.glmnet` forces when a fold would have fewer than 3 rows on average).
  static func ungroupedCurves(
    _ x: Matrix, _ y: [Double], folds: CrossValidationFolds, foldPaths: [GlmnetPath], lambdas: [Double]
  ) throws -> (mean: [Double], sd: [Double]) {
    let n = x.rows
    var errors = [[Double]](repeating: [Double](repeating: 0, count: n), count: lambdas.count)
    for (rows, foldPath) in zip(folds.heldOutRows, foldPaths) {
      let part = Matrix(rows: rows.map { x.row($0) })
      for (l, lambda) in lambdas.enumerated() {
        let predictions = try foldPath.predict(part, at: lambda)
        for (a, r) in rows.enumerated() { errors[l][r] = (y[r] - predictions[a]) * (y[r] - predictions[a]) }
      }
    }
    var mean: [Double] = [], sd: [Double] = []
    for e in errors {
      let m = e.reduce(0, +) / Double(n)
      let v = e.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n)
      mean.append(m)
      sd.append((v / Double(n - 1)).squareRoot())
    }
    return (mean, sd)
  }

  /// glmnet's `getOptcv.glmnet`: the first (largest-λ) index attaining `min(cvm)`, then
  /// the first index with `cvm ≤ (cvm + cvsd)[min]`. NaN errors are skipped, as R's
  /// `na.rm = TRUE`.
  static func chosenIndices(_ cvm: [Double], _ cvsd: [Double]) -> (Int, Int) {
    let smallest = cvm.filter { !$0.isNaN }.min() ?? .nan
    let indexMin = cvm.firstIndex { $0 <= smallest } ?? 0
    let bound = cvm[indexMin] + cvsd[indexMin]
    let index1se = cvm.firstIndex { $0 <= bound } ?? indexMin
    return (indexMin, index1se)
  }
}
