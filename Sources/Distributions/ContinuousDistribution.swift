/// A univariate continuous probability distribution with accurate tails.
///
/// Method: every conforming type evaluates both tails directly from the appropriate special
/// function (the complementary error function, the regularized incomplete gamma or beta
/// function), so neither tail is ever obtained as `1 - other`; the inverses solve on the
/// smaller tail.
///
/// - Returns: Not applicable (protocol); see the individual requirements.
public protocol ContinuousDistribution: Sendable {
  /// The cumulative distribution function `P(X <= x)`.
  ///
  /// Method: evaluated directly on the lower tail.
  /// - Returns: A probability in `[0, 1]`, or NaN for a NaN argument or invalid parameters.
  func cdf(_ x: Double) -> Double

  /// The survival function `P(X > x)`, computed directly (never as `1 - cdf(x)`).
  ///
  /// Method: evaluated directly on the upper tail.
  /// - Returns: A probability in `[0, 1]`, or NaN for a NaN argument or invalid parameters.
  func sf(_ x: Double) -> Double

  /// The quantile function (inverse of ``cdf(_:)``).
  ///
  /// Method: inversion on whichever tail is smaller, so extreme probabilities stay accurate.
  /// - Returns: The `x` with `cdf(x) == p`; the lower support bound for `p == 0`, `+inf`
  ///   for `p == 1`, NaN for `p` outside `[0, 1]` or NaN.
  func quantile(_ p: Double) -> Double

  /// The inverse survival function (scipy's `isf`), accurate for tiny `p`.
  ///
  /// Method: inversion on whichever tail is smaller.
  /// - Returns: The `x` with `sf(x) == p`; `+inf` for `p == 0`, the lower support bound for
  ///   `p == 1`, NaN for `p` outside `[0, 1]` or NaN.
  func inverseSurvival(_ p: Double) -> Double
}
