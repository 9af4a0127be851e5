#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Building blocks shared by the incomplete gamma and beta functions. They follow the
// auxiliary routines of DiDonato & Morris (ACM TOMS 12 (1986) and 18 (1992)): the Stirling
// remainder, log Γ(q + p) − log Γ(q) for large q (ALGDIV), log B(a, b) (BETALN),
// μ − log(1 + μ) (RLOG1), and the prefactors x^a e^{−x} / Γ(a) (RCOMP) and
// x^a y^b / B(a, b) (BRCOMP), written so that large parameters never cancel.
extension SpecialFunctions {
  /// `log(2π) / 2`.
  static let halfLogTwoPi = 0.91893853320467274178032973640561764

  /// `1 / √(2π)`.
  static let inverseSqrtTwoPi = 0.39894228040143267793994605993438187

  /// The Stirling remainder `δ(x) = log Γ(x) − [(x − ½) log x − x + ½ log 2π]`.
  ///
  /// Method: the asymptotic series `Σ B₂ₖ / (2k(2k−1) x^{2k−1})` for `x >= 10` (eight
  /// terms: below 1e-17 relative there); direct subtraction from `lgamma` below 10.
  /// - Returns: `δ(x)` for `x > 0`.
  static func stirlingCorrection(_ x: Double) -> Double {
    if x >= 10 {
      let r = 1 / x
      let r2 = r * r
      let series =
        1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188
          - r2 * (691.0 / 360360 - r2 * (1.0 / 156 - r2 * 3617.0 / 122400))))))
      return series * r
    }
    return logGamma(x) - ((x - 0.5) * log(x) - x + halfLogTwoPi)
  }

  /// `log Γ(q + p) − log Γ(q)` without cancellation for large `q`.
  ///
  /// Method: Stirling's formula with remainders (DiDonato & Morris's ALGDIV idea):
  /// `(q − ½) log1p(p/q) + p log(q + p) − p + δ(q + p) − δ(q)` for `q >= 10`; direct
  /// `lgamma` differences otherwise.
  /// - Returns: the log of the ratio `Γ(q + p) / Γ(q)` for `p >= 0`, `q > 0`.
  static func logGammaRatio(_ p: Double, _ q: Double) -> Double {
    if q < 10 { return logGamma(q + p) - logGamma(q) }
    return (q - 0.5) * log1p(p / q) + p * log(q + p) - p
      + (stirlingCorrection(q + p) - stirlingCorrection(q))
  }

  /// `log B(a, b)` accurate for all positive parameters.
  ///
  /// Method: `tgamma` products for small parameters, `lgamma(min) − logGammaRatio` when one
  /// parameter is large, and the Stirling form with remainders when both are large
  /// (DiDonato & Morris's BETALN).
  /// - Returns: `log B(a, b)`.
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    let lo = min(a, b)
    let hi = max(a, b)
    if hi < 10 { return log(tgamma(lo) * (tgamma(hi) / tgamma(lo + hi))) }
    if lo < 10 { return logGamma(lo) - logGammaRatio(lo, hi) }
    let sum = lo + hi
    return halfLogTwoPi - 0.5 * log(sum) + (lo - 0.5) * log(lo / sum)
      - (hi - 0.5) * log1p(lo / hi)
      + (stirlingCorrection(lo) + stirlingCorrection(hi) - stirlingCorrection(sum))
  }

  /// `μ − log(1 + μ)` for `μ > −1`, accurate when `μ` is small.
  ///
  /// Method: for `−½ <= μ <= 1`, with `r = μ / (2 + μ)`,
  /// `μ − log(1+μ) = r (μ − 2r² Σ_{k≥0} r^{2k} / (2k + 3))` (from `log(1+μ) = 2 atanh r`);
  /// `μ − log1p(μ)` elsewhere.
  /// - Returns: the non-negative value `μ − log(1 + μ)`.
  static func log1pMinusX(_ mu: Double) -> Double {
    if mu < -0.5 || mu > 1 { return mu - log1p(mu) }
    let r = mu / (2 + mu)
    let r2 = r * r
    var power = 1.0
    var sum = 0.0
    var k = 0.0
    while k < 60 {
      let term = power / (2 * k + 3)
      sum += term
      if term <= 1e-17 * sum { break }
      power *= r2
      k += 1
    }
    return r * (mu - 2 * r2 * sum)
  }

  /// `x^a e^{−x} / Γ(a)`, the common factor of the incomplete gamma expansions.
  ///
  /// Method: DiDonato & Morris's RCOMP: for `a >= 10`,
  /// `√(a / 2π) · exp(−a (μ − log(1+μ)) − δ(a))` with `μ = (x − a) / a` (written as
  /// `a log(x/a) − (x − a)` when `x < a/2`); for small `a` the
  /// exact `e^{−x}` is kept separate from `x^a / Γ(a)` while it does not underflow.
  /// - Returns: the prefactor (0 on underflow).
  static func gammaPrefactor(_ a: Double, _ x: Double) -> Double {
    if x == 0 { return 0 }
    if a >= 10 {
      let mu = (x - a) / a
      // For x < a/2, 1 + μ = x/a would lose digits when formed from μ ≈ −1.
      let exponent = mu < -0.5 ? a * log(x / a) - (x - a) : -(a * log1pMinusX(mu))
      return (a / (2 * Double.pi)).squareRoot() * exp(exponent - stirlingCorrection(a))
    }
    let logPower = a * log(x) - logGamma(a)
    if x < 708 { return exp(logPower) * exp(-x) }
    return exp(logPower - x)
  }

  /// `x^a y^b / B(a, b)` with `y = 1 − x` supplied separately.
  ///
  /// Method: DiDonato & Morris's BRCOMP. For `min(a, b) >= 10` the exponent is written as
  /// `−(a·u + b·v)` with `u = rlog1(−λ/a)`, `v = rlog1(λ/b)` and `λ` the distance from the
  /// mode, times `√(b x₀) / √(2π) · exp(−(δ(a) + δ(b) − δ(a+b)))`; otherwise
  /// `exp(a log x + b log y − log B(a, b))` with `log1p` for the argument near 1.
  /// - Returns: the prefactor (0 on underflow).
  static func betaPrefactor(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
    if x == 0 || y == 0 { return 0 }
    let logX = x <= 0.5 ? log(x) : log1p(-y)
    let logY = y <= 0.5 ? log(y) : log1p(-x)
    if min(a, b) < 10 {
      return exp(a * logX + b * logY - logBeta(a, b))
    }
    let x0: Double
    let y0: Double
    let lambda: Double
    if a <= b {
      let h = a / b
      x0 = h / (1 + h)
      y0 = 1 / (1 + h)
      lambda = a - (a + b) * x
    } else {
      let h = b / a
      x0 = 1 / (1 + h)
      y0 = h / (1 + h)
      lambda = (a + b) * y - b
    }
    let e1 = -lambda / a
    let u = abs(e1) > 0.6 ? e1 - (logX - log(x0)) : log1pMinusX(e1)
    let e2 = lambda / b
    let v = abs(e2) > 0.6 ? e2 - (logY - log(y0)) : log1pMinusX(e2)
    let correction =
      stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(a + b)
    return inverseSqrtTwoPi * (b * x0).squareRoot() * exp(-(a * u + b * v) - correction)
  }
}
