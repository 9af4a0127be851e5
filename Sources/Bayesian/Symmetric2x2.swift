/// A symmetric 2×2 matrix `[[a, b], [b, c]]`: the error covariance of the outcome and the
/// treatment, and the cross-products of their residuals.
struct Symmetric2x2: Sendable, Equatable {
  var a: Double
  var b: Double
  var c: Double

  /// The determinant `ac − b²`.
  var determinant: Double { a * c - b * b }

  /// Whether the matrix is positive definite (with finite entries).
  var isPositiveDefinite: Bool {
    a.isFinite && b.isFinite && c.isFinite && a > 0 && c > 0 && determinant > 0
  }

  /// The inverse; only meaningful when the matrix is positive definite.
  var inverse: Symmetric2x2 {
    let d = determinant
    return Symmetric2x2(a: c / d, b: -b / d, c: a / d)
  }

  /// The standard deviations and the correlation of a covariance matrix.
  var standardDeviationsAndCorrelation: (first: Double, second: Double, correlation: Double) {
    let first = a.squareRoot()
    let second = c.squareRoot()
    return (first, second, b / (first * second))
  }

  /// A draw from the inverse-Wishart distribution with `degreesOfFreedom` ν (> 1) and
  /// scale matrix `self` (positive definite), whose density is proportional to
  /// `|Σ|^(−(ν+3)/2) exp(−tr(S Σ⁻¹)/2)`.
  ///
  /// Method: Σ⁻¹ is Wishart(ν, S⁻¹); by Bartlett's decomposition it is `(LA)(LA)ᵀ` with
  /// `L` the Cholesky factor of `S⁻¹`, `A` lower triangular, `A₁₁² ~ χ²(ν)`,
  /// `A₂₂² ~ χ²(ν − 1)` and `A₂₁ ~ N(0, 1)`.
  func inverseWishartDraw(degreesOfFreedom: Double, _ random: inout some RandomNumberGenerator) -> Symmetric2x2 {
    let precision = inverse
    let l11 = precision.a.squareRoot()
    let l21 = precision.b / l11
    let l22 = (precision.c - l21 * l21).squareRoot()
    let a11 = RandomVariates.chiSquared(degreesOfFreedom, &random).squareRoot()
    let a22 = RandomVariates.chiSquared(degreesOfFreedom - 1, &random).squareRoot()
    let a21 = RandomVariates.normal(&random)
    // M = L·A, lower triangular.
    let m11 = l11 * a11
    let m21 = l21 * a11 + l22 * a21
    let m22 = l22 * a22
    let wishart = Symmetric2x2(a: m11 * m11, b: m11 * m21, c: m21 * m21 + m22 * m22)
    return wishart.inverse
  }
}
