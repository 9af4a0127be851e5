public import LinearAlgebra

extension GlmnetPath {
  /// The solution at any λ, interpolated as glmnet's `coef(fit, s = λ)`.
  ///
  /// glmnet interpolates **linearly in λ** (not log λ) between the two path solutions
  /// around `lambda`, and clamps to the first or last solution outside the path's range.
  /// A λ on the path returns that solution exactly. (`coef(…, exact = TRUE)` refits
  /// instead; fit with ``GlmnetOptions/lambdas`` for that.)
  ///
  /// - Returns: the intercept and the coefficients; for an empty path, zeros; for a NaN
  ///   λ, NaNs.
  public func coefficients(at lambda: Double) -> (intercept: Double, coefficients: [Double]) {
    guard !coefficients.isEmpty else { return (0, []) }
    guard !lambda.isNaN else { return (.nan, [Double](repeating: .nan, count: coefficients[0].count)) }
    let (left, right, fraction) = interpolationWeights(at: lambda)
    if left == right { return (intercepts[left], coefficients[left]) }
    let b = zip(coefficients[left], coefficients[right]).map { fraction * $0 + (1 - fraction) * $1 }
    return (fraction * intercepts[left] + (1 - fraction) * intercepts[right], b)
  }

  /// The predictions `β₀ + Xβ` at `lambda` (interpolated as ``coefficients(at:)``).
  ///
  /// - Throws: ``PenalizedError/mismatchedSizes(what:expected:found:)`` when `x` does not
  ///   have the path's number of columns.
  public func predict(_ x: Matrix, at lambda: Double) throws -> [Double] {
    let (intercept, beta) = coefficients(at: lambda)
    guard x.columns == beta.count else {
      throw PenalizedError.mismatchedSizes(what: "x columns", expected: beta.count, found: x.columns)
    }
    var out = [Double](repeating: intercept, count: x.rows)
    for (j, w) in beta.enumerated() where w != 0 {
      for i in 0..<x.rows { out[i] += w * x.storage[i + j * x.rows] }
    }
    return out
  }

  /// glmnet's `lambda.interp`: the left and right path positions around `s` and the
  /// weight of the left one.
  private func interpolationWeights(at s: Double) -> (Int, Int, Double) {
    let count = lambdas.count
    guard count > 1, let first = lambdas.first, let last = lambdas.last, first > last else { return (0, 0, 1) }
    let range = first - last
    let knots = lambdas.map { (first - $0) / range }  // increasing from 0 to 1
    let lowest = knots.min() ?? 0, highest = knots.max() ?? 1
    let position = min(max((first - s) / range, lowest), highest)
    // R's approx(knots, 1...count, position): bisection, then linear interpolation.
    var i = 0, j = count - 1
    while i < j - 1 {
      let middle = (i + j) / 2
      if position < knots[middle] { j = middle } else { i = middle }
    }
    let coordinate: Double
    if position == knots[j] {
      coordinate = Double(j)
    } else if position == knots[i] {
      coordinate = Double(i)
    } else {
      coordinate = Double(i) + (position - knots[i]) / (knots[j] - knots[i])
    }
    let left = Int(coordinate.rounded(.down)), right = Int(coordinate.rounded(.up))
    if left == right || abs(knots[left] - knots[right]) < Double.ulpOfOne { return (left, left, 1) }
    return (left, right, (position - knots[right]) / (knots[left] - knots[right]))
  }
}
