/// The chi-squared distribution with `k` degrees of freedom (Gamma with shape `k/2`,
/// scale 2).
///
/// Method: `cdf(x) = P(k/2, x/2)`, `sf(x) = Q(k/2, x/2)` from the regularized incomplete
/// gamma function (DiDonato & Morris 1986), each tail direct; quantiles from the inverse
/// incomplete gamma function on the smaller tail.
///
/// - Returns: Not applicable (value type).
public struct ChiSquared: ContinuousDistribution {
  /// The degrees of freedom `k` (positive, finite; otherwise every function returns NaN).
  public let degreesOfFreedom: Double

  /// Creates a chi-squared distribution.
  ///
  /// Method: stores the parameter; validity is checked on use.
  /// - Returns: the distribution.
  public init(degreesOfFreedom: Double) {
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// Whether the parameter describes a distribution.
  var isValid: Bool { degreesOfFreedom > 0 && degreesOfFreedom.isFinite }

  /// The density `x^{k/2−1} e^{−x/2} / (2^{k/2} Γ(k/2))`.
  ///
  /// Method: `gammaPrefactor(k/2, x/2) / x` (DiDonato & Morris's RCOMP form).
  /// - Returns: the density (0 for `x < 0`; at `x = 0` it is `+inf`, ½ or 0 for `k < 2`,
  ///   `k = 2`, `k > 2`); NaN for NaN or invalid parameters.
  public func pdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x < 0 || x == .infinity { return 0 }
    if x == 0 { return degreesOfFreedom < 2 ? .infinity : (degreesOfFreedom == 2 ? 0.5 : 0) }
    return SpecialFunctions.gammaPrefactor(degreesOfFreedom / 2, x / 2) / x
  }

  /// `P(X <= x)`.
  ///
  /// Method: `P(k/2, x/2)`.
  /// - Returns: the probability; NaN for NaN or invalid parameters.
  public func cdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x <= 0 { return 0 }
    return SpecialFunctions.incompleteGamma(degreesOfFreedom / 2, x / 2).p
  }

  /// `P(X > x)`, computed directly.
  ///
  /// Method: `Q(k/2, x/2)`.
  /// - Returns: the probability; NaN for NaN or invalid parameters.
  public func sf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x <= 0 { return 1 }
    return SpecialFunctions.incompleteGamma(degreesOfFreedom / 2, x / 2).q
  }

  /// The inverse of ``cdf(_:)``.
  ///
  /// Method: `2 · inverseRegularizedGammaP(k/2, p)`.
  /// - Returns: the quantile; 0 at `p = 0`, `+inf` at `p = 1`, NaN outside `[0, 1]`.
  public func quantile(_ p: Double) -> Double {
    guard isValid else { return .nan }
    return 2 * SpecialFunctions.inverseRegularizedGammaP(degreesOfFreedom / 2, p)
  }

  /// The inverse of ``sf(_:)``, accurate for tiny `p`.
  ///
  /// Method: `2 · inverseRegularizedGammaQ(k/2, p)`.
  /// - Returns: the value; `+inf` at `p = 0`, 0 at `p = 1`, NaN outside `[0, 1]`.
  public func inverseSurvival(_ p: Double) -> Double {
    guard isValid else { return .nan }
    return 2 * SpecialFunctions.inverseRegularizedGammaQ(degreesOfFreedom / 2, p)
  }
}
