#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Gaussian kernel density estimate of a sample on an even grid, for drawing posteriors.
///
/// The bandwidth is Silverman's rule of thumb, `0.9 · min(sd, IQR/1.34) · n^(−1/5)`; the
/// grid spans the sample's range widened by three bandwidths on each side. Draws are
/// binned onto a fine grid first (linear binning), so the cost is O(n + grid²) however many
/// draws there are.
public struct KernelDensity: Sendable {
  /// The grid's points, increasing.
  public let points: [Double]
  /// The estimated density at each point.
  public let densities: [Double]
  /// The kernel's standard deviation.
  public let bandwidth: Double

  /// The estimate of `sample` (non-finite values ignored) on `gridSize` (≥ 2) points; empty
  /// when fewer than two finite values remain or all are equal.
  public init(_ sample: [Double], gridSize: Int = 256) {
    let values = sample.filter(\.isFinite).sorted()
    let n = values.count
    let size = max(gridSize, 2)
    guard n >= 2, let low = values.first, let high = values.last, high > low else {
      points = []
      densities = []
      bandwidth = .nan
      return
    }
    let mean = values.reduce(0, +) / Double(n)
    let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
    let iqr = values[(3 * (n - 1)) / 4] - values[(n - 1) / 4]
    let spread = iqr > 0 ? min(sd, iqr / 1.34) : sd
    let h = 0.9 * spread * pow(Double(n), -0.2)
    bandwidth = h
    let start = low - 3 * h
    let end = high + 3 * h
    let step = (end - start) / Double(size - 1)
    points = (0..<size).map { start + Double($0) * step }
    // Linear binning: each draw's unit weight split between its two neighbouring points.
    var weights = [Double](repeating: 0, count: size)
    for value in values {
      let position = (value - start) / step
      let left = min(max(Int(position.rounded(.down)), 0), size - 2)
      let fraction = min(max(position - Double(left), 0), 1)
      weights[left] += 1 - fraction
      weights[left + 1] += fraction
    }
    let normaliser = 1 / (Double(n) * h * (2 * Double.pi).squareRoot())
    var densities = [Double](repeating: 0, count: size)
    for i in 0..<size {
      var sum = 0.0
      for j in 0..<size where weights[j] > 0 {
        let z = (points[i] - points[j]) / h
        if abs(z) < 8 { sum += weights[j] * exp(-0.5 * z * z) }
      }
      densities[i] = sum * normaliser
    }
    self.densities = densities
  }
}
