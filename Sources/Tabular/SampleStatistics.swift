/// Moments and quantiles of a sample of numbers, for ``ColumnSummary``.
///
/// Sums are compensated (Neumaier), so a mean or variance is within a few rounding
/// errors of the exact value whatever the sample size (the means of the golden
/// data sets are the correctly rounded exact means); pandas' pairwise sums agree to
/// within a few `1e-16` relative on those data.
enum SampleStatistics {
  /// A running sum with Neumaier's compensation term.
  struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    /// Adds `x` (finite values only; infinities make the compensation NaN).
    @inline(__always)
    mutating func add(_ x: Double) {
      let t = sum + x
      if abs(sum) >= abs(x) {
        compensation += (sum - t) + x
      } else {
        compensation += (x - t) + sum
      }
      sum = t
    }

    /// The compensated total.
    var value: Double { sum + compensation }
  }

  /// The mean of `values` (all finite, not empty) computed as `Σ(x/n)`: the
  /// fallback when `Σx` overflows although the values are finite.
  static func mean(ofFinite values: [Double]) -> Double {
    let n = Double(values.count)
    var scaled = CompensatedSum()
    for x in values { scaled.add(x / n) }
    return scaled.value
  }

  /// The standard deviation of `values` (all finite, at least two) around their
  /// `mean`, with denominator `count − 1`, by the corrected two-pass formula
  /// `√((Σd² − (Σd)²/n) / (n − 1))`, `d = x − mean`.
  ///
  /// When the squares overflow, half-deviations are divided by the largest one
  /// before they are squared.
  static func standardDeviation(ofFinite values: [Double], mean: Double) -> Double {
    let n = Double(values.count)
    var squares = CompensatedSum()
    var deviations = CompensatedSum()
    for x in values {
      let d = x - mean
      squares.add(d * d)
      deviations.add(d)
    }
    let d = deviations.value
    let variance = (squares.value - d * d / n) / (n - 1)
    if variance.isFinite { return max(0, variance).squareRoot() }
    // x/2 − mean/2 cannot overflow (the mean lies between the values).
    var scale = 0.0
    for x in values { scale = max(scale, abs(x / 2 - mean / 2)) }
    guard scale > 0 else { return 0 }
    var scaledSquares = CompensatedSum()
    for x in values {
      let e = (x / 2 - mean / 2) / scale
      scaledSquares.add(e * e)
    }
    // Scale first: 2 · scale alone can overflow when the result does not.
    return scale * (scaledSquares.value / (n - 1)).squareRoot() * 2
  }

  /// The `p` quantile of `sorted` (ascending, no NaN, not empty) by linear
  /// interpolation between order statistics: pandas' and numpy's default, R's type 7.
  ///
  /// The position is `h = (n − 1)·p`; the result interpolates `sorted[⌊h⌋]` and
  /// `sorted[⌊h⌋ + 1]` with weight `h − ⌊h⌋`, rounded as numpy's `_lerp` does. `nil`
  /// only when the neighbours are `−∞` and `+∞`.
  static func quantile(sorted: [Double], _ p: Double) -> Double? {
    guard let first = sorted.first, let last = sorted.last else { return nil }
    if !(p > 0) { return first }
    if p >= 1 { return last }
    let h = Double(sorted.count - 1) * p
    let lowerIndex = min(Int(h.rounded(.down)), sorted.count - 1)
    let upperIndex = min(lowerIndex + 1, sorted.count - 1)
    let t = h - Double(lowerIndex)
    return interpolate(sorted[lowerIndex], sorted[upperIndex], t)
  }

  /// `a + t·(b − a)` for `a ≤ b` and `0 ≤ t < 1`, as numpy's `_lerp` (which
  /// computes `b − (1 − t)·(b − a)` when `t ≥ 0.5`), with infinities handled.
  static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double? {
    if a == b || t == 0 { return a }
    if a.isInfinite && b.isInfinite { return nil }
    if a.isInfinite { return a }
    if b.isInfinite { return b }
    let difference = b - a
    if !difference.isFinite { return a * (1 - t) + b * t }
    return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
  }
}
