#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Inverses of the regularized incomplete gamma and beta functions.
// Method: DiDonato & Morris (1986) §5 style starting values (Wilson–Hilferty and the
// small-x / large-x leading terms), refined by the safeguarded log-space Newton iteration of
// TailInverter on whichever tail (P or Q, I or 1 − I) is smaller.
extension SpecialFunctions {
  /// The `x` with `P(a, x) = p`.
  ///
  /// Method: Newton on `log P` (for `p <= ½`) or on `log Q` with `q = 1 − p` (exact for
  /// `p >= ½`), started from Wilson–Hilferty and the tail asymptotics
  /// `P ≈ x^a / Γ(a+1)`, `Q ≈ x^{a−1} e^{−x} / Γ(a)`.
  /// - Returns: `x >= 0`; 0 for `p == 0`, `+inf` for `p == 1`; NaN for invalid arguments.
  public static func inverseRegularizedGammaP(_ a: Double, _ p: Double) -> Double {
    guard a > 0, a.isFinite, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return 0 }
    if p == 1 { return .infinity }
    return p <= 0.5 ? gammaInverse(a, target: p, lower: true) : gammaInverse(a, target: 1 - p, lower: false)
  }

  /// The `x` with `Q(a, x) = q`, accurate for tiny `q`.
  ///
  /// Method: as ``inverseRegularizedGammaP(_:_:)`` on the smaller tail.
  /// - Returns: `x >= 0`; `+inf` for `q == 0`, 0 for `q == 1`; NaN for invalid arguments.
  public static func inverseRegularizedGammaQ(_ a: Double, _ q: Double) -> Double {
    guard a > 0, a.isFinite, q >= 0, q <= 1 else { return .nan }
    if q == 0 { return .infinity }
    if q == 1 { return 0 }
    return q <= 0.5 ? gammaInverse(a, target: q, lower: false) : gammaInverse(a, target: 1 - q, lower: true)
  }

  /// Solves `P(a, x) = target` (`lower`) or `Q(a, x) = target`, `0 < target <= ½`.
  ///
  /// Method: TailInverter with the starting values listed on the public functions.
  /// - Returns: the root.
  static func gammaInverse(_ a: Double, target: Double, lower: Bool) -> Double {
    // Standard normal deviate of the same tail probability, signed like the quantile.
    let signedZ = lower ? lowerNormalQuantile(target) : -lowerNormalQuantile(target)
    var starts: [Double] = []
    // Wilson–Hilferty for 2x ~ chi-square(2a).
    let k = 2 * a
    let c = 2 / (9 * k)
    let cube = 1 - c + signedZ * c.squareRoot()
    if cube > 0 { starts.append(0.5 * k * cube * cube * cube) }
    if lower {
      starts.append(exp((log(target) + logGamma(a + 1)) / a))
    } else {
      var h = max(-log(target) - logGamma(a), 1)
      for _ in 0..<3 { h = max(-log(target) - logGamma(a) + (a - 1) * log(h), 1e-300) }
      starts.append(h)
    }
    starts.append(a)
    let inverter = TailInverter(
      evaluate: { x in
        let (p, q) = incompleteGamma(a, x)
        return (lower ? p : q, gammaPrefactor(a, x))
      }, increasing: lower)
    return inverter.solve(target: target, starts: starts)
  }

  /// The `x` with `I_x(a, b) = p`.
  ///
  /// Method: Newton on `log I_x(a, b)` for `p <= ½`, otherwise on `log I_y(b, a)` for
  /// `y = 1 − x` with target `1 − p` (returning `1 − y`), started from the leading term
  /// `I_x ≈ x^a / (a B(a, b))` and a normal approximation.
  /// - Returns: `x` in `[0, 1]`; NaN for invalid arguments.
  public static func inverseRegularizedBeta(_ p: Double, _ a: Double, _ b: Double) -> Double {
    guard a > 0, b > 0, a.isFinite, b.isFinite, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return 0 }
    if p == 1 { return 1 }
    if p <= 0.5 { return betaInverseLower(p, a, b) }
    return 1 - betaInverseLower(1 - p, b, a)
  }

  /// Solves `I_x(a, b) = target` for `0 < target <= ½`.
  ///
  /// Method: TailInverter on `(0, 1)`.
  /// - Returns: the root.
  static func betaInverseLower(_ target: Double, _ a: Double, _ b: Double) -> Double {
    let mean = a / (a + b)
    let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
    let z = lowerNormalQuantile(target)
    let starts = [
      min(exp((log(target) + log(a) + logBeta(a, b)) / a), mean),
      mean + z * sd,
      mean,
    ]
    let inverter = TailInverter(
      evaluate: { x in
        let y = 1 - x
        return (incompleteBeta(a, b, x: x, y: y).value, betaPrefactor(a, b, x: x, y: y) / y)
      }, increasing: true, upperBound: 1)
    return inverter.solve(target: target, starts: starts)
  }
}
