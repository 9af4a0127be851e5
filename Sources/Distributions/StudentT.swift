#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Student's t distribution with `ν` degrees of freedom.
///
/// Method: for `t >= 0`, `P(T > t) = ½ I_x(ν/2, ½)` with `x = ν/(ν + t²)` and
/// `P(T <= t) = ½ + ½ I_y(½, ν/2)` with `y = t²/(ν + t²)`, both from one evaluation of the
/// incomplete beta function that returns each tail directly (so small `|t|` and huge `|t|`
/// both keep full relative precision); beyond `ν/t² < 1e-100` the leading term
/// `x^{ν/2} / ((ν/2) B(ν/2, ½))` is used so that `t²` cannot overflow. `ν = +inf` is the
/// standard normal. Quantiles: safeguarded Newton on the log tail (see `TailInverter`).
///
/// - Returns: Not applicable (value type).
public struct StudentT: ContinuousDistribution {
  /// The degrees of freedom `ν` (positive; `+inf` gives the normal; otherwise NaN results).
  public let degreesOfFreedom: Double

  /// Creates a t distribution.
  ///
  /// Method: stores the parameter; validity is checked on use.
  /// - Returns: the distribution.
  public init(degreesOfFreedom: Double) {
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// Whether the parameter describes a distribution.
  var isValid: Bool { degreesOfFreedom > 0 }

  /// `(P(T > t), P(T <= t), |t · density|)` for `t >= 0`.
  ///
  /// Method: see the type description; `|t f(t)| = x^{ν/2} y^{½} / B(ν/2, ½)`.
  /// - Returns: upper tail, lower tail and the log-derivative magnitude of the upper tail.
  func tails(_ t: Double) -> (upper: Double, lower: Double, slope: Double) {
    let nu = degreesOfFreedom
    if nu == .infinity {
      let upper = SpecialFunctions.standardNormalSurvival(t)
      return (upper, SpecialFunctions.standardNormalSurvival(-t), t * Normal().pdf(t))
    }
    if t == .infinity { return (0, 1, 0) }
    let t2 = t * t
    let a = nu / 2
    if !t2.isFinite || nu / t2 < 1e-100 {
      let logX = log(nu) - 2 * log(t)
      let upper =
        0.5
        * FisherF.powerTerm(
          nu.squareRoot() / t, logBase: 0.5 * logX, nu, log(a) + SpecialFunctions.logBeta(a, 0.5))
      return (upper, 1 - upper, nu * upper)
    }
    let x = nu / (nu + t2)
    let y = t2 / (nu + t2)
    let (i, complement) = SpecialFunctions.incompleteBeta(a, 0.5, x: x, y: y)
    return (0.5 * i, 0.5 + 0.5 * complement, SpecialFunctions.betaPrefactor(a, 0.5, x: x, y: y))
  }

  /// The density `(1 + t²/ν)^{−(ν+1)/2} / (√ν B(ν/2, ½))`.
  ///
  /// Method: logarithmic evaluation with `log1p`.
  /// - Returns: the density; NaN for NaN or invalid parameters.
  public func pdf(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    let nu = degreesOfFreedom
    if nu == .infinity { return Normal().pdf(t) }
    if t.isInfinite { return 0 }
    let r = t / nu.squareRoot()
    let logKernel =
      abs(r) > 1e150
      ? -(nu + 1) * log(abs(r)) : -(nu + 1) / 2 * log1p(r * r)
    return exp(logKernel - 0.5 * log(nu) - SpecialFunctions.logBeta(nu / 2, 0.5))
  }

  /// `P(T <= t)`.
  ///
  /// Method: the lower tail from ``tails(_:)`` by symmetry.
  /// - Returns: the probability; NaN for NaN or invalid parameters.
  public func cdf(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    return t >= 0 ? tails(t).lower : tails(-t).upper
  }

  /// `P(T > t)`, computed directly.
  ///
  /// Method: the upper tail from ``tails(_:)`` by symmetry.
  /// - Returns: the probability; NaN for NaN or invalid parameters.
  public func sf(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    return t >= 0 ? tails(t).upper : tails(-t).lower
  }

  /// The inverse of ``cdf(_:)``.
  ///
  /// Method: `−upperQuantile(p)` for `p < ½`, `upperQuantile(1 − p)` otherwise.
  /// - Returns: the quantile; `−inf` at 0, `+inf` at 1, NaN outside `[0, 1]`.
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    return p < 0.5 ? -upperQuantile(p) : upperQuantile(1 - p)
  }

  /// The inverse of ``sf(_:)``, accurate for tiny `p`.
  ///
  /// Method: `upperQuantile(p)` for `p <= ½`, `−upperQuantile(1 − p)` otherwise.
  /// - Returns: the value; `+inf` at 0, `−inf` at 1, NaN outside `[0, 1]`.
  public func inverseSurvival(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return .infinity }
    if p == 1 { return -.infinity }
    return p <= 0.5 ? upperQuantile(p) : -upperQuantile(1 - p)
  }

  /// The `t >= 0` with `P(T > t) = q`, `0 < q <= ½`.
  ///
  /// Method: safeguarded log-space Newton (`TailInverter`) started from the better of the
  /// Cornish–Fisher expansion `z + (z³+z)/(4ν) + (5z⁵+16z³+3z)/(96ν²)` and the power tail
  /// `P(T > t) ≈ ν^{ν/2−1} / (B(ν/2, ½) t^ν)`.
  /// - Returns: the upper quantile.
  func upperQuantile(_ q: Double) -> Double {
    if q == 0.5 { return 0 }
    let z = -SpecialFunctions.lowerNormalQuantile(q)
    let nu = degreesOfFreedom
    if nu == .infinity { return z }
    let z2 = z * z
    let cornishFisher =
      z + z * (z2 + 1) / (4 * nu) + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
    let logC = (nu / 2 - 1) * log(nu) - SpecialFunctions.logBeta(nu / 2, 0.5)
    let powerTail = exp((logC - log(q)) / nu)
    let inverter = TailInverter(
      evaluate: { t in
        let r = tails(t)
        return (r.upper, r.slope)
      }, increasing: false)
    return inverter.solve(target: q, starts: [cornishFisher, powerTail, z])
  }
}
