#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Inverts a monotone tail probability `T(x)` on a positive domain.
///
/// Method: Newton's method on `g(u) = log T(eᵘ) − log target` (a nearly linear function in
/// the tails, where both power-law and Gaussian-type tails are well behaved), safeguarded by
/// a bracket that every evaluation narrows and a geometric bisection whenever a Newton step
/// leaves it. Steps are applied multiplicatively, `x ← x·e^{Δu}`, so `x` keeps full
/// relative precision even when `log x` is large.
///
/// - Returns: Not applicable (a solver value type; see ``solve(target:starts:)``).
struct TailInverter {
  /// `T(x)` and `|x T'(x)|` (the magnitude of the derivative with respect to `log x`).
  let evaluate: (Double) -> (tail: Double, slope: Double)
  /// Whether `T` increases with `x` (a lower tail) or decreases (an upper tail).
  let increasing: Bool
  /// The supremum of the domain (`+inf`, or 1 for a beta variable).
  var upperBound: Double = .infinity

  /// Solves `T(x) = target` for `0 < target < 1`.
  ///
  /// Method: the candidate start with the smallest `|g|` seeds the safeguarded Newton
  /// iteration described on the type; it stops once a step changes `x` by less than
  /// 1e-15 relative (or after 200 evaluations, returning the best point seen).
  /// - Returns: the root `x`, or NaN if the tail evaluates to NaN.
  func solve(target: Double, starts: [Double]) -> Double {
    let logTarget = log(target)
    var lo = 0.0
    var hi = upperBound
    var best = Double.nan
    var bestError = Double.infinity
    // Pick the best starting point among the finite candidates inside the domain.
    var x = Double.nan
    var startError = Double.infinity
    for candidate in starts where candidate > 0 && candidate < upperBound && candidate.isFinite {
      let t = evaluate(candidate).tail
      let g = t > 0 ? abs(log(t) - logTarget) : Double.infinity
      if x.isNaN || g < startError {
        x = candidate
        startError = g
      }
    }
    if x.isNaN { x = upperBound.isFinite ? upperBound / 2 : 1 }
    var iteration = 0
    while iteration < 200 {
      iteration += 1
      let (t, slope) = evaluate(x)
      if t.isNaN { return .nan }
      let g = t > 0 ? log(t) - logTarget : -Double.infinity
      if g == 0 { return x }
      if abs(g) < bestError {
        best = x
        bestError = abs(g)
      }
      let tooLarge = (g > 0) == increasing
      if tooLarge { hi = x } else { lo = x }
      var next = Double.nan
      var du = Double.nan
      let dgdu = (increasing ? 1 : -1) * slope / t
      if g.isFinite && dgdu.isFinite && dgdu != 0 {
        du = -g / dgdu
        next = x * exp(du)
      }
      if !(next > lo && next < hi) {
        du = .nan
        if lo > 0 && hi.isFinite {
          next = lo.squareRoot() * hi.squareRoot()
        } else if hi.isFinite {
          next = hi / 16
        } else {
          next = lo * 16
        }
        if !(next > lo && next < hi) { return best }
      }
      if abs(du) < 1e-15 || next == x { return next }
      x = next
    }
    return best
  }
}
