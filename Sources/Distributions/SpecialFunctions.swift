#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Special functions behind the distributions: log-gamma, the regularized incomplete gamma
/// and beta functions (both tails computed directly), their inverses and the normal quantile.
///
/// Method: the incomplete gamma function follows DiDonato & Morris (1986, ACM TOMS 12):
/// power series, Legendre continued fraction and a small-`a` series; the incomplete beta
/// function follows DiDonato & Morris (1992, ACM TOMS 18, "Algorithm 708"): power series
/// (BPSER), the continued fraction evaluated with the modified Lentz algorithm (Lentz 1976;
/// Thompson & Barnett 1986), and the large-parameter expansion in incomplete gamma functions
/// (BGRAT, after Temme); prefactors `x^a y^b / B(a, b)` are formed as in their BRCOMP so that
/// large parameters do not cancel. The normal quantile is Wichura's AS 241 (PPND16).
/// All functions are pure and return NaN for invalid arguments instead of trapping.
///
/// - Returns: Not applicable (namespace).
public enum SpecialFunctions {
  /// `log|Γ(x)|`.
  ///
  /// Method: the C library's reentrant `lgamma_r`.
  /// - Returns: `log|Γ(x)|`; `+inf` at the poles `0, -1, -2, …`; NaN for NaN.
  public static func logGamma(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  }

  /// The regularized lower incomplete gamma function `P(a, x) = γ(a, x) / Γ(a)`.
  ///
  /// Method: DiDonato & Morris (1986): series for `x < a + 1`, Legendre continued fraction
  /// (modified Lentz) otherwise, a dedicated series for `a < 1, x <= 1`.
  /// - Returns: `P(a, x)` in `[0, 1]`; NaN if `a <= 0`, `x < 0` or either is NaN/infinite `a`.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    incompleteGamma(a, x).p
  }

  /// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x) / Γ(a)`, computed
  /// directly (not as `1 - P`).
  ///
  /// Method: as ``regularizedGammaP(_:_:)``; whichever of `P`, `Q` is small is evaluated
  /// directly and the other is its complement.
  /// - Returns: `Q(a, x)` in `[0, 1]`; NaN for invalid arguments.
  public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    incompleteGamma(a, x).q
  }

  /// The regularized incomplete beta function `I_x(a, b)`.
  ///
  /// Method: DiDonato & Morris (1992) — BPSER power series, continued fraction (modified
  /// Lentz), or the BGRAT expansion when one parameter is large and the other is `<= 1`.
  /// - Returns: `I_x(a, b)` in `[0, 1]`; NaN if `a <= 0`, `b <= 0`, `x` outside `[0, 1]`,
  ///   or any argument is NaN or an infinite parameter.
  public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    incompleteBeta(a, b, x: x, y: 1 - x).value
  }

  /// The complement `1 - I_x(a, b) = I_{1-x}(b, a)`, computed directly.
  ///
  /// Method: the same evaluation as ``regularizedBeta(_:_:_:)``, which produces both tails
  /// without forming a difference when the result is small.
  /// - Returns: `1 - I_x(a, b)` in `[0, 1]`; NaN for invalid arguments.
  public static func complementaryRegularizedBeta(_ x: Double, _ a: Double, _ b: Double)
    -> Double
  {
    incompleteBeta(a, b, x: x, y: 1 - x).complement
  }

  /// The complement `1 - I_x(a, b)` when `y = 1 - x` is known more accurately than `x`.
  ///
  /// Method: as ``complementaryRegularizedBeta(_:_:_:)``, with the caller's `x` and `y`
  /// (which must satisfy `x + y == 1` up to rounding) used for the logarithms.
  /// - Returns: the pair `(I_x(a, b), 1 - I_x(a, b))`; NaNs for invalid arguments.
  public static func regularizedBetaPair(x: Double, y: Double, _ a: Double, _ b: Double)
    -> (value: Double, complement: Double)
  {
    incompleteBeta(a, b, x: x, y: y)
  }
}
