#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The regularized incomplete beta function I_x(a, b) and its complement, both direct.
// Method: DiDonato & Morris (1992), "Algorithm 708: Significant digit computation of the
// incomplete beta function ratios", ACM TOMS 18: BPSER (power series), BFRAC (continued
// fraction, here evaluated with the modified Lentz algorithm) and BGRAT (Temme's expansion
// in incomplete gamma functions for one large parameter and the other <= 1).
extension SpecialFunctions {
  /// Both tails `(I_x(a, b), 1 − I_x(a, b))`, with `y = 1 − x` supplied by the caller.
  ///
  /// Method: dispatch in the spirit of DiDonato & Morris's BRATIO. With `p = min(a, b)`,
  /// `q = max(a, b)`: if `p <= 1 < 15 <= q`, the tail belonging to the small parameter is
  /// BPSER when `q·s <= 0.7`, else BGRAT on the large-parameter side (BPSER when that side's
  /// argument is `<= ½`); if `1 < p <= 40 < 100 <= q` the same with BUP + BGRAT (and the
  /// continued fraction for the small tail when that is the one below ½); otherwise the
  /// continued fraction is evaluated on the side where
  /// `x < (a + 1) / (a + b + 2)`. The value returned directly is always the smaller one or
  /// bounded away from 1, the other is its complement.
  /// - Returns: the pair, or NaNs for invalid arguments.
  static func incompleteBeta(_ a: Double, _ b: Double, x: Double, y: Double)
    -> (value: Double, complement: Double)
  {
    guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, y >= 0, x <= 1, y <= 1 else {
      return (.nan, .nan)
    }
    if x == 0 { return (0, 1) }
    if y == 0 { return (1, 0) }
    if min(a, b) <= 1 && max(a, b) >= 15 {
      // s is the argument belonging to the small parameter p, c = 1 − s.
      let swapped = a > b
      let (p, q, s, c) = swapped ? (b, a, y, x) : (a, b, x, y)
      let small: Double  // I_s(p, q)
      let large: Double  // I_c(q, p) = 1 − I_s(p, q)
      if s >= 0.5 {
        large = betaPowerSeries(q, p, x: c, y: s)
        small = 1 - large
      } else if q * s <= 0.7 {
        small = betaPowerSeries(p, q, x: s, y: c)
        large = 1 - small
      } else {
        large = betaGammaExpansion(q, p, x: c, y: s)
        small = 1 - large
      }
      return swapped ? (large, small) : (small, large)
    }
    if min(a, b) <= 40 && max(a, b) >= 100 {
      // One moderate, one large parameter: BGRAT after shifting the moderate parameter
      // into (0, 1] (BUP), the power series where it converges fast, the continued
      // fraction only for the small tail when the shifted expansion gives the large one.
      let swapped = a > b
      let (p, q, s, c) = swapped ? (b, a, y, x) : (a, b, x, y)
      var small: Double  // I_s(p, q)
      var large: Double  // I_c(q, p)
      if s >= 0.5 {
        large = betaPowerSeries(q, p, x: c, y: s)
        small = 1 - large
      } else if q * s <= 0.7 {
        small = betaPowerSeries(p, q, x: s, y: c)
        large = 1 - small
      } else {
        large = betaShiftedGammaExpansion(q, p, x: c, y: s)
        if large <= 0.5 {
          small = 1 - large
        } else {
          small = betaContinuedFraction(p, q, x: s, y: c)
          large = 1 - small
        }
      }
      return swapped ? (large, small) : (small, large)
    }
    if x < (a + 1) / (a + b + 2) {
      let v = betaContinuedFraction(a, b, x: x, y: y)
      return (v, 1 - v)
    }
    let w = betaContinuedFraction(b, a, x: y, y: x)
    return (1 - w, w)
  }

  /// `I_x(a, b)` by the power series
  /// `x^a / (a B(a,b)) · [1 + a Σ_{n≥1} (1−b)(2−b)…(n−b) xⁿ / (n! (a + n))]`.
  ///
  /// Method: DiDonato & Morris (1992) BPSER; used for `x <= ½` with `b <= 1`, or `b·x <= 0.7`.
  /// - Returns: `I_x(a, b)`.
  static func betaPowerSeries(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
    let logX = x <= 0.5 ? log(x) : log1p(-y)
    let prefactor = exp(a * logX - logBeta(a, b)) / a
    if prefactor == 0 { return 0 }
    var c = 1.0
    var sum = 0.0
    var n = 1.0
    while n < 2000 {
      c *= (n - b) * x / n
      let term = c / (a + n)
      sum += term
      if abs(term) <= seriesTolerance * abs(1 + a * sum) { break }
      n += 1
    }
    return prefactor * (1 + a * sum)
  }

  /// `I_x(a, b)` by the continued fraction
  /// `x^a y^b / (a B(a,b)) · 1/(1+ d₁/(1+ d₂/(1+ …)))`, with
  /// `d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1))`, `d_{2m} = m(b−m)x / ((a+2m−1)(a+2m))`.
  ///
  /// Method: modified Lentz algorithm; converges quickly for `x < (a+1)/(a+b+2)`.
  /// - Returns: `I_x(a, b)`.
  static func betaContinuedFraction(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
    let prefactor = betaPrefactor(a, b, x: x, y: y)
    if prefactor == 0 { return 0 }
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    var m = 1.0
    let limit = 1000 + 20 * max(a, b).squareRoot()
    while m < limit {
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) <= seriesTolerance { break }
      m += 1
    }
    return prefactor * h / a
  }

  /// `I_x(a, b)` for large `a` (>= 15), any `b > 0`, and `x >= ½`.
  ///
  /// Method: DiDonato & Morris (1992) BUP + BGRAT: with `b = b₀ + n`, `b₀ ∈ (0, 1]`, the
  /// recurrence `I_x(a, β+1) = I_x(a, β) + x^a y^β / (β B(a, β))` gives
  /// `I_x(a, b) = I_x(a, b₀) + Σ_{k<n} tₖ`, `t₀ = x^a y^{b₀} / (b₀ B(a, b₀))`,
  /// `t_{k+1} = tₖ · y (a + b₀ + k) / (b₀ + k + 1)`; every term is positive.
  /// - Returns: `I_x(a, b)`.
  static func betaShiftedGammaExpansion(_ a: Double, _ b: Double, x: Double, y: Double)
    -> Double
  {
    var n = b.rounded(.up) - 1
    if n < 0 { n = 0 }
    let b0 = b - n
    var sum = betaGammaExpansion(a, b0, x: x, y: y)
    var term = betaPrefactor(a, b0, x: x, y: y) / b0
    var k = 0.0
    while k < n {
      sum += term
      term *= y * (a + b0 + k) / (b0 + k + 1)
      k += 1
    }
    return sum
  }

  /// `I_x(a, b)` for large `a` (>= 15), `b <= 1` and `x >= ½`.
  ///
  /// Method: DiDonato & Morris (1992) BGRAT, from Temme's expansion. Substituting
  /// `t = e^{−w}` and `T = a + (b − 1)/2`,
  /// `I_x(a,b) = 1/B(a,b) ∫_{−log x}^∞ e^{−Tw} w^{b−1} (sinh(w/2)/(w/2))^{b−1} dw`;
  /// expanding `(sinh(w/2)/(w/2))^{b−1} = Σ dₙ w^{2n}` (J. C. P. Miller's power recurrence)
  /// gives `I = M Σ dₙ Gₙ` with `M = Γ(a+b) / (Γ(a) T^b)`,
  /// `Gₙ = Γ(b + 2n, z) / (Γ(b) T^{2n})`, `z = −T log x`, where `G₀ = Q(b, z)` and
  /// `Γ(s+2, z) = s(s+1) Γ(s, z) + (s+1+z) z^s e^{−z}` gives the rest.
  /// - Returns: `I_x(a, b)`.
  static func betaGammaExpansion(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
    let logX = x <= 0.5 ? log(x) : log1p(-y)
    let t = a + (b - 1) / 2
    let w0 = -logX
    let z = t * w0
    let logM =
      (a - 0.5) * log1p(b / a) + b * log1p((b + 1) / 2 / t) - b
      + (stirlingCorrection(a + b) - stirlingCorrection(a))
    var g = incompleteGamma(b, z).q
    if g == 0 { return 0 }
    var r = gammaPrefactor(b, z)
    let w2 = w0 * w0
    let t2 = t * t
    // cₖ = 1 / (4^k (2k+1)!): Taylor coefficients of sinh(w/2)/(w/2) in w².
    var coefficients: [Double] = [1]
    var d: [Double] = [1]
    var sum = g
    var n = 1
    while n <= 40 {
      let nd = Double(n)
      coefficients.append(coefficients[n - 1] / (4 * (2 * nd) * (2 * nd + 1)))
      var acc = 0.0
      for k in 1...n {
        acc += (b * Double(k) - nd) * coefficients[k] * d[n - k]
      }
      d.append(acc / nd)
      let s = b + 2 * (nd - 1)
      g = (s * (s + 1) * g + (s + 1 + z) * r) / t2
      r *= w2
      let term = d[n] * g
      sum += term
      if abs(term) <= seriesTolerance * abs(sum) { break }
      n += 1
    }
    return exp(logM) * sum
  }
}
