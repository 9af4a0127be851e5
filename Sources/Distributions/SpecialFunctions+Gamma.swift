#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The regularized incomplete gamma functions P(a, x) and Q(a, x), both tails direct.
// Method: DiDonato & Morris (1986), "Computation of the incomplete gamma function ratios
// and their inverse", ACM TOMS 12: the power series of P, the Legendre continued fraction
// of Q (evaluated with the modified Lentz algorithm), and for a < 1 the series
// Q = −expm1(t) − e^t S with t = a log x − log Γ(1 + a) that keeps Q accurate near 1 − P.
extension SpecialFunctions {
  /// Machine epsilon used as the convergence tolerance of the series.
  static let seriesTolerance = 1e-16

  /// Both tails of the regularized incomplete gamma function.
  ///
  /// Method: small-`a` series (`a < 1`, `x <= 1`), power series of `P` (`x < a + 1`) or
  /// continued fraction of `Q`; the small tail is computed directly, the other as its
  /// complement.
  /// - Returns: `(P(a, x), Q(a, x))`, or NaNs for invalid arguments.
  static func incompleteGamma(_ a: Double, _ x: Double) -> (p: Double, q: Double) {
    guard a > 0, a.isFinite, x >= 0 else { return (.nan, .nan) }
    if x == 0 { return (0, 1) }
    if x == .infinity { return (1, 0) }
    if a < 1 && x <= 1 { return smallShapeGamma(a, x) }
    if x < a + 1 {
      let p = lowerGammaSeries(a, x)
      return (p, 1 - p)
    }
    let q = upperGammaFraction(a, x)
    return (1 - q, q)
  }

  /// `P(a, x)` by its power series `x^a e^{−x} / Γ(a + 1) · Σ xⁿ / ((a+1)…(a+n))`.
  ///
  /// Method: DiDonato & Morris (1986) eq. (15); all terms positive.
  /// - Returns: `P(a, x)`.
  static func lowerGammaSeries(_ a: Double, _ x: Double) -> Double {
    let prefactor = gammaPrefactor(a, x)
    if prefactor == 0 { return 0 }
    var term = 1.0
    var sum = 1.0
    var n = 1.0
    let limit = 200 + 20 * a.squareRoot()
    while n < limit {
      term *= x / (a + n)
      sum += term
      if term <= seriesTolerance * sum { break }
      n += 1
    }
    return prefactor / a * sum
  }

  /// `Q(a, x)` by the Legendre continued fraction
  /// `x^a e^{−x} / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …)))`.
  ///
  /// Method: modified Lentz algorithm (Thompson & Barnett 1986).
  /// - Returns: `Q(a, x)` (intended for `x >= a + 1` or `x > 1`).
  static func upperGammaFraction(_ a: Double, _ x: Double) -> Double {
    let prefactor = gammaPrefactor(a, x)
    if prefactor == 0 { return 0 }
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    var i = 1.0
    let limit = 300 + 20 * a.squareRoot()
    while i < limit {
      let an = -i * (i - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) <= seriesTolerance { break }
      i += 1
    }
    return prefactor * h
  }

  /// Both tails for `a < 1`, `0 < x <= 1`.
  ///
  /// Method: DiDonato & Morris (1986) §3: with `t = a log x − log Γ(1+a)` and
  /// `S = a Σ_{n≥1} (−x)ⁿ / (n! (a + n)) < 0`, `P = e^t (1 + S)` and
  /// `Q = −expm1(t) − e^t S`, both free of cancellation.
  /// - Returns: `(P(a, x), Q(a, x))`.
  static func smallShapeGamma(_ a: Double, _ x: Double) -> (p: Double, q: Double) {
    var power = 1.0
    var s = 0.0
    var n = 1.0
    while n < 100 {
      power *= -x / n
      let term = power / (a + n)
      s += term
      if abs(term) <= seriesTolerance * abs(s) { break }
      n += 1
    }
    s *= a
    let t = a * log(x) - logGamma(1 + a)
    let et = exp(t)
    return (et * (1 + s), -expm1(t) - et * s)
  }
}
