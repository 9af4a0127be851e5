#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The standard normal tail and quantile.
extension SpecialFunctions {
  /// `P(Z > z)` for a standard normal `Z`, to full relative precision in both tails.
  ///
  /// Method: `½ erfc(z/√2)` where the rounding error of `z/√2` is carried as a second
  /// word (`z/√2 = h + l`, the low part from a fused multiply-add) and corrected to first
  /// order, `erfc(h + l) ≈ erfc(h) − (2/√π) e^{−h²} l`; without it the relative error
  /// would grow like `z²·ε` in the far tail.
  /// - Returns: the upper tail probability (0 once it underflows); NaN for NaN.
  static func standardNormalSurvival(_ z: Double) -> Double {
    if z.isNaN { return .nan }
    let invSqrt2Hi = 0.70710678118654757  // nearest double to 1/√2
    let invSqrt2Lo = -4.8336466567264567e-17  // 1/√2 − invSqrt2Hi
    let h = z * invSqrt2Hi
    let l = fma(z, invSqrt2Hi, -h) + z * invSqrt2Lo
    let e = erfc(h)
    if e == 0 || e == 2 { return 0.5 * e }
    let twoOverSqrtPi = 1.1283791670955125739
    return 0.5 * (e - twoOverSqrtPi * exp(-h * h) * l)
  }

  /// The standard normal quantile `Φ⁻¹(p)`.
  ///
  /// Method: Wichura (1988), Algorithm AS 241 (PPND16), the rational approximations for
  /// `|p − ½| <= 0.425`, `r = √(−log min(p, 1−p)) <= 5` and `r > 5`, accurate to about
  /// 1e-16; one Halley step on the directly computed tail then removes the remaining error.
  /// - Returns: `Φ⁻¹(p)`; `−inf` at 0, `+inf` at 1, NaN outside `[0, 1]`.
  public static func normalQuantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if p == 0.5 { return 0 }
    // Work on the smaller tail: Φ⁻¹(p) = −Φ⁻¹(1 − p), 1 − p exact for p >= ½.
    if p > 0.5 { return -lowerNormalQuantile(1 - p) }
    return lowerNormalQuantile(p)
  }

  /// `Φ⁻¹(p)` for `0 < p <= ½`.
  ///
  /// Method: AS 241 followed by one Halley step on `log Φ(x) = log p` using the tail
  /// ``standardNormalSurvival(_:)`` (skipped in the central region where AS 241 is already
  /// at full precision).
  /// - Returns: a non-positive quantile.
  static func lowerNormalQuantile(_ p: Double) -> Double {
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      let num =
        (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
          + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
          + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
          + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0) * q
      let den =
        (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
          + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
          + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
          + 4.2313330701600911252e+1) * r + 1.0)
      return num / den
    }
    var r = (-log(p)).squareRoot()
    let x: Double
    if r <= 5 {
      r -= 1.6
      let num =
        (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
          + 2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r
          + 3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r
          + 4.63033784615654529590e+0) * r + 1.42343711074968357734e+0)
      let den =
        (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
          + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
          + 6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r
          + 2.05319162663775882187e+0) * r + 1.0)
      x = -num / den
    } else {
      r -= 5
      let num =
        (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
          + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
          + 2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r
          + 5.46378491116411436990e+0) * r + 6.65790464350110377720e+0)
      let den =
        (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
          + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
          + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
          + 5.99832206555887937690e-1) * r + 1.0)
      x = -num / den
    }
    // Halley refinement of log Φ(x) = log p: g = log(Φ/p), g' = φ/Φ, g'' = −g'(x + g').
    let tail = standardNormalSurvival(-x)
    if tail <= 0 || !tail.isFinite { return x }
    let g = log(tail / p)
    let density = inverseSqrtTwoPi * exp(-0.5 * x * x)
    let slope = density / tail
    if slope <= 0 || !slope.isFinite { return x }
    let curvature = -slope * (x + slope)
    let step = g / slope
    return x - step / (1 - 0.5 * step * curvature / slope)
  }
}
