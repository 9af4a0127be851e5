#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
public import LinearAlgebra

/// Lasso fits along a grid of α with warm starts, as scikit-learn's `lasso_path`.
///
/// Each α is solved by ``Lasso``'s coordinate descent starting from the previous α's
/// coefficients. Like `lasso_path`, the default `fitIntercept = false` neither centres
/// nor fits an intercept (call it on centred data, or pass `true` to centre here as
/// `LassoCV` does for each fold, which also makes the grid use centred `Xᵀy`).
///
/// ```swift
/// let path = try lassoPath(x, y, fitIntercept: true)
/// path.alphas.first   // α_max = max_j |x_jᵀy|/n: every coefficient is 0 there
/// ```
///
/// - Parameters:
///   - x: the *n*×*p* design.
///   - y: the *n* responses.
///   - alphas: the grid (default: 100 values down to 10⁻³·α_max).
///   - fitIntercept: whether to centre X and y and report intercepts.
///   - tolerance: scikit-learn's `tol` for every α.
///   - maxIterations: scikit-learn's `max_iter` for every α.
/// - Throws: ``PenalizedError`` for bad data, a negative or non-finite α, a grid with
///   `count < 1` or a ratio outside (0, ∞), or a bad tolerance or iteration limit.
/// - Complexity: O(*n* *p*²) once, then O(*p*) per coefficient change.
public func lassoPath(
  _ x: Matrix, _ y: [Double], alphas: LassoPath.Alphas = .automatic(), fitIntercept: Bool = false,
  tolerance: Double = 1e-4, maxIterations: Int = 1000
) throws -> LassoPath {
  try lassoPath(
    GramStatistics(x: x, y: y), alphas: alphas, fitIntercept: fitIntercept, tolerance: tolerance,
    maxIterations: maxIterations)
}

/// ``lassoPath(_:_:alphas:fitIntercept:tolerance:maxIterations:)`` from precomputed
/// statistics (a cross-validation fold's, for instance).
public func lassoPath(
  _ statistics: GramStatistics, alphas: LassoPath.Alphas = .automatic(), fitIntercept: Bool = false,
  tolerance: Double = 1e-4, maxIterations: Int = 1000
) throws -> LassoPath {
  try InputChecks.nonNegative(tolerance, name: "tolerance")
  try InputChecks.atLeast(maxIterations, 1, name: "maxIterations")
  let grid: [Double]
  switch alphas {
  case .automatic(let count, let ratio):
    grid = try LassoPath.alphaGrid(statistics, fitIntercept: fitIntercept, count: count, ratio: ratio)
  case .values(let values):
    guard !values.isEmpty else {
      throw PenalizedError.invalidParameter(name: "alphas", value: "[]", requirement: "at least one value")
    }
    for a in values { try InputChecks.nonNegative(a, name: "alpha") }
    grid = values.sorted(by: >)
  }
  let problem = GapSafeCoordinateDescent(statistics: statistics, fitIntercept: fitIntercept)
  let n = Double(statistics.observations)
  var w = [Double](repeating: 0, count: statistics.columns)
  var fits: [LassoFit] = []
  fits.reserveCapacity(grid.count)
  for alpha in grid {
    let outcome = problem.solve(l1: alpha * n, tol: tolerance, maxIterations: maxIterations, coefficients: &w)
    fits.append(
      LassoFit(
        alpha: alpha, coefficients: w,
        intercept: fitIntercept ? LassoFit.intercept(for: w, statistics: statistics) : 0,
        iterations: outcome.iterations, dualityGap: outcome.gap / n, converged: outcome.converged))
  }
  return LassoPath(fits: fits)
}

extension LassoPath {
  /// scikit-learn's α grid (`_alpha_grid`): `count` values from
  /// `α_max = max_j |x_jᵀy| / n` down to `ratio · α_max`, computed as `np.geomspace`
  /// does (10 raised to evenly spaced base-10 logarithms, end points exact). With
  /// `fitIntercept` the cross-products are centred. When α_max ≤ 10⁻¹⁵ (y orthogonal to
  /// every column) every value is 10⁻¹⁵, as in scikit-learn.
  ///
  /// - Throws: ``PenalizedError/invalidParameter(name:value:requirement:)`` when
  ///   `count < 1` or `ratio` is not a finite number > 0.
  public static func alphaGrid(
    _ statistics: GramStatistics, fitIntercept: Bool, count: Int = 100, ratio: Double = 1e-3
  ) throws -> [Double] {
    try InputChecks.atLeast(count, 1, name: "count")
    try InputChecks.positive(ratio, name: "ratio")
    let problem = GapSafeCoordinateDescent(statistics: statistics, fitIntercept: fitIntercept)
    let alphaMax = (problem.xy.map(abs).max() ?? 0) / Double(statistics.observations)
    let resolution = 1e-15
    if alphaMax <= resolution { return [Double](repeating: resolution, count: count) }
    return geometricSequence(from: alphaMax, to: alphaMax * ratio, count: count)
  }

  /// `np.geomspace(start, stop, count)` for positive end points.
  static func geometricSequence(from start: Double, to stop: Double, count: Int) -> [Double] {
    if count == 1 { return [start] }
    let logStart = log10(start), logStop = log10(stop)
    let step = (logStop - logStart) / Double(count - 1)
    var values = (0..<count).map { k in pow(10, Double(k) * step + logStart) }
    values[0] = start
    values[count - 1] = stop
    return values
  }
}
