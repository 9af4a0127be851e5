#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fisher's F distribution with `d₁` (numerator) and `d₂` (denominator) degrees of freedom.
///
/// Method: with `w = d₁x`, `P(F > x) = I_u(d₂/2, d₁/2)` for `u = d₂/(d₂ + w)` and
/// `P(F <= x) = I_v(d₁/2, d₂/2)` for `v = w/(d₂ + w)`, both tails from one evaluation of the
/// incomplete beta function with `u` and `v` each formed to full relative precision; beyond
/// `u` or `v < 1e-100` the leading power term is used (no overflow of `d₁x`). Quantiles:
/// safeguarded Newton on the log tail (see `TailInverter`).
///
/// - Returns: Not applicable (value type).
public struct FisherF: ContinuousDistribution {
  /// The numerator degrees of freedom `d₁` (positive, finite).
  public let numeratorDegreesOfFreedom: Double
  /// The denominator degrees of freedom `d₂` (positive, finite).
  public let denominatorDegreesOfFreedom: Double

  /// Creates an F distribution.
  ///
  /// Method: stores the parameters; validity is checked on use (invalid → NaN results).
  /// - Returns: the distribution.
  public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
  }

  /// Whether the parameters describe a distribution.
  var isValid: Bool {
    numeratorDegreesOfFreedom > 0 && numeratorDegreesOfFreedom.isFinite
      && denominatorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom.isFinite
  }

  /// `(P(F <= x), P(F > x), |x · density|)` for `x > 0`.
  ///
  /// Method: see the type description; `|x f(x)| = u^{d₂/2} v^{d₁/2} / B(d₂/2, d₁/2)`.
  /// - Returns: lower tail, upper tail and the log-derivative magnitude.
  func tails(_ x: Double) -> (lower: Double, upper: Double, slope: Double) {
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    let a = d2 / 2
    let b = d1 / 2
    if x == .infinity { return (1, 0, 0) }
    let w = d1 * x
    if !w.isFinite || d2 / w < 1e-100 {
      let upper = Self.powerTerm(
        d2 / d1 / x, logBase: log(d2) - log(d1) - log(x), a,
        log(a) + SpecialFunctions.logBeta(a, b))
      return (1 - upper, upper, d2 / 2 * upper)
    }
    if w / d2 < 1e-100 {
      let lower = Self.powerTerm(
        w / d2, logBase: log(d1) + log(x) - log(d2), b,
        log(b) + SpecialFunctions.logBeta(a, b))
      return (lower, 1 - lower, d1 / 2 * lower)
    }
    let u = d2 / (d2 + w)
    let v = w / (d2 + w)
    let (upper, lower) = SpecialFunctions.incompleteBeta(a, b, x: u, y: v)
    return (lower, upper, SpecialFunctions.betaPrefactor(a, b, x: u, y: v))
  }

  /// `base^exponent · e^{−logDivisor}`, the leading term `z^c / (c B)` of a tail when its beta
  /// argument `z` is below 1e-100.
  ///
  /// Method: `pow` (correctly rounded in practice) while `base` is a normal number, so the
  /// `|c log z|·ε` error of `exp(c log z)` is avoided; the logarithm otherwise.
  /// - Returns: the term.
  static func powerTerm(_ base: Double, logBase: Double, _ exponent: Double, _ logDivisor: Double)
    -> Double
  {
    if base.isNormal && base.isFinite {
      return pow(base, exponent) * exp(-logDivisor)
    }
    return exp(exponent * logBase - logDivisor)
  }

  /// The density.
  ///
  /// Method: `|x f(x)| / x` from ``tails(_:)``'s prefactor.
  /// - Returns: the density (0 for `x < 0`); NaN for NaN or invalid parameters.
  public func pdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x < 0 || x == .infinity { return 0 }
    if x == 0 {
      let d1 = numeratorDegreesOfFreedom
      if d1 < 2 { return .infinity }
      return d1 == 2 ? 1 : 0
    }
    return tails(x).slope / x
  }

  /// `P(F <= x)`.
  ///
  /// Method: `I_v(d₁/2, d₂/2)`, direct.
  /// - Returns: the probability; NaN for NaN or invalid parameters.
  public func cdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x <= 0 { return 0 }
    return tails(x).lower
  }

  /// `P(F > x)`, computed directly.
  ///
  /// Method: `I_u(d₂/2, d₁/2)`, direct.
  /// - Returns: the probability; NaN for NaN or invalid parameters.
  public func sf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x <= 0 { return 1 }
    return tails(x).upper
  }

  /// The inverse of ``cdf(_:)``.
  ///
  /// Method: Newton on the log of the smaller tail.
  /// - Returns: the quantile; 0 at `p = 0`, `+inf` at `p = 1`, NaN outside `[0, 1]`.
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return 0 }
    if p == 1 { return .infinity }
    return p <= 0.5 ? solve(target: p, lower: true) : solve(target: 1 - p, lower: false)
  }

  /// The inverse of ``sf(_:)``, accurate for tiny `p`.
  ///
  /// Method: Newton on the log of the smaller tail.
  /// - Returns: the value; `+inf` at `p = 0`, 0 at `p = 1`, NaN outside `[0, 1]`.
  public func inverseSurvival(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return .infinity }
    if p == 1 { return 0 }
    return p <= 0.5 ? solve(target: p, lower: false) : solve(target: 1 - p, lower: true)
  }

  /// Solves `P(F <= x) = target` (`lower`) or `P(F > x) = target`, `0 < target <= ½`.
  ///
  /// Method: `TailInverter`, started from Paulson's normal approximation (Wilson–Hilferty
  /// applied to both chi-squares: `((1−c₂)w − (1−c₁))² = z²(c₂w² + c₁)`, `w = x^{1/3}`,
  /// `cᵢ = 2/(9dᵢ)`) and the leading power terms of both tails.
  /// - Returns: the root.
  func solve(target: Double, lower: Bool) -> Double {
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    let a = d2 / 2
    let b = d1 / 2
    let logB = SpecialFunctions.logBeta(a, b)
    var starts: [Double] = []
    let z =
      lower
      ? SpecialFunctions.lowerNormalQuantile(target)
      : -SpecialFunctions.lowerNormalQuantile(target)
    let c1 = 2 / (9 * d1)
    let c2 = 2 / (9 * d2)
    let aa = 1 - c2
    let bb = 1 - c1
    let leading = aa * aa - z * z * c2
    let discriminant = aa * aa * bb * bb - leading * (bb * bb - z * z * c1)
    if leading > 0 && discriminant >= 0 {
      let root = (aa * bb + (z >= 0 ? 1 : -1) * discriminant.squareRoot()) / leading
      if root > 0 { starts.append(root * root * root) }
    }
    if lower {
      starts.append(d2 / d1 * exp((log(target) + log(b) + logB) / b))
    } else {
      starts.append(d2 / d1 * exp(-(log(target) + log(a) + logB) / a))
    }
    starts.append(1)
    let inverter = TailInverter(
      evaluate: { x in
        let r = tails(x)
        return (lower ? r.lower : r.upper, r.slope)
      }, increasing: lower)
    return inverter.solve(target: target, starts: starts)
  }
}
