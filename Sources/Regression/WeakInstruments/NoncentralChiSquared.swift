import Distributions
import Foundation

/// The non-central χ²(k, λ) distribution with real k > 0 and λ ≥ 0, enough for the
/// Montiel Olea–Pflueger critical values (`iv-diagnostics.md` §4.3).
///
///     F(x; k, λ) = Σ_{j≥0} e^{−λ/2} (λ/2)^j / j! · P(χ²_{k+2j} ≤ x)
///
/// The Poisson mixture is summed outwards from its mode until the weights are
/// negligible; the quantile is found by bisection.
///
/// Johnson, N. L., Kotz, S., & Balakrishnan, N. (1995). *Continuous Univariate
/// Distributions*, vol. 2, ch. 29.
struct NoncentralChiSquared {
  let degreesOfFreedom: Double
  let noncentrality: Double

  func cdf(_ x: Double) -> Double {
    guard x > 0 else { return 0 }
    guard x.isFinite else { return 1 }
    let mean = noncentrality / 2
    if mean == 0 { return ChiSquared(degreesOfFreedom: degreesOfFreedom).cdf(x) }
    let mode = Int(mean.rounded(.down))
    func weight(_ j: Int) -> Double { exp(-mean + Double(j) * log(mean) - lgamma(Double(j) + 1)) }
    func term(_ j: Int) -> Double {
      weight(j) * ChiSquared(degreesOfFreedom: degreesOfFreedom + 2 * Double(j)).cdf(x)
    }
    var total = term(mode)
    var j = mode + 1
    while j < mode + 100_000 {
      let w = weight(j)
      total += w * ChiSquared(degreesOfFreedom: degreesOfFreedom + 2 * Double(j)).cdf(x)
      if w < 1e-18 { break }
      j += 1
    }
    j = mode - 1
    while j >= 0 {
      let w = weight(j)
      total += w * ChiSquared(degreesOfFreedom: degreesOfFreedom + 2 * Double(j)).cdf(x)
      if w < 1e-18 { break }
      j -= 1
    }
    return min(max(total, 0), 1)
  }

  /// The p-quantile (0 < p < 1); NaN for invalid parameters.
  func quantile(_ p: Double) -> Double {
    guard p > 0, p < 1, degreesOfFreedom > 0, noncentrality >= 0, degreesOfFreedom.isFinite, noncentrality.isFinite
    else { return .nan }
    var lower = 0.0
    var upper = degreesOfFreedom + noncentrality + 10 * (2 * (degreesOfFreedom + 2 * noncentrality)).squareRoot() + 10
    var guardCount = 0
    while cdf(upper) < p, guardCount < 60 {
      lower = upper
      upper *= 2
      guardCount += 1
    }
    for _ in 0..<200 {
      let middle = (lower + upper) / 2
      if middle <= lower || middle >= upper { break }
      if cdf(middle) < p { lower = middle } else { upper = middle }
      if upper - lower <= 1e-15 * upper { break }
    }
    return (lower + upper) / 2
  }
}
