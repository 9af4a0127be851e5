#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The normal (Gaussian) distribution `N(mean, standardDeviation²)`.
///
/// Method: tails from the complementary error function with a correction for the rounding of
/// `z/√2` (full relative precision down to the underflow threshold, about `z = 38`);
/// quantiles from Wichura's AS 241 with one Halley refinement.
///
/// - Returns: Not applicable (value type).
public struct Normal: ContinuousDistribution {
  /// The mean `μ`.
  public let mean: Double
  /// The standard deviation `σ` (must be positive and finite, otherwise every function
  /// returns NaN).
  public let standardDeviation: Double

  /// Creates `N(mean, standardDeviation²)`.
  ///
  /// Method: stores the parameters; validity is checked on use.
  /// - Returns: the distribution.
  public init(mean: Double = 0, standardDeviation: Double = 1) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// Whether the parameters describe a distribution.
  var isValid: Bool { mean.isFinite && standardDeviation.isFinite && standardDeviation > 0 }

  /// The density `φ((x − μ)/σ) / σ`.
  ///
  /// Method: direct formula.
  /// - Returns: the density; NaN for NaN or invalid parameters.
  public func pdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    let z = (x - mean) / standardDeviation
    return SpecialFunctions.inverseSqrtTwoPi * exp(-0.5 * z * z) / standardDeviation
  }

  /// `P(X <= x)`.
  ///
  /// Method: `½ erfc(−z/√2)` with the rounding correction of the tail routine.
  /// - Returns: the probability; NaN for NaN or invalid parameters.
  public func cdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return SpecialFunctions.standardNormalSurvival(-(x - mean) / standardDeviation)
  }

  /// `P(X > x)`, computed directly.
  ///
  /// Method: `½ erfc(z/√2)` with the rounding correction of the tail routine.
  /// - Returns: the probability; NaN for NaN or invalid parameters.
  public func sf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return SpecialFunctions.standardNormalSurvival((x - mean) / standardDeviation)
  }

  /// The inverse of ``cdf(_:)``.
  ///
  /// Method: `μ + σ Φ⁻¹(p)` with AS 241.
  /// - Returns: the quantile; `−inf` at 0, `+inf` at 1, NaN outside `[0, 1]`.
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    return mean + standardDeviation * SpecialFunctions.normalQuantile(p)
  }

  /// The inverse of ``sf(_:)``.
  ///
  /// Method: `μ − σ Φ⁻¹(p)` (symmetry), accurate for tiny `p`.
  /// - Returns: the value; `+inf` at 0, `−inf` at 1, NaN outside `[0, 1]`.
  public func inverseSurvival(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    return mean - standardDeviation * SpecialFunctions.normalQuantile(p)
  }
}
