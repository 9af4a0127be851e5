#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

import LinearAlgebra

/// Kernel weights, the kernel-weighted long-run sum of scores, and the
/// Newey–West (1994) automatic bandwidth, as linearmodels 7.1.
enum KernelWeights {
  /// Γ₀ + Σⱼ wⱼ(Γⱼ + Γⱼᵀ) with Γⱼ = Σᵢ gᵢgᵢ₋ⱼᵀ (not divided by n): the HAC meat of
  /// the covariance and of GMM's kernel weight matrix.
  static func longRunSum(_ g: Matrix, weights: [Double]) -> Matrix {
    var sum = g.gram()
    let n = g.rows
    let m = g.columns
    guard weights.count > 1 else { return sum }
    let columns = (0..<m).map { g.column($0) }
    for lag in 1..<weights.count where weights[lag] != 0 && lag < n {
      for a in 0..<m {
        for b in 0..<m {
          var total = 0.0
          columns[a].withUnsafeBufferPointer { x in
            columns[b].withUnsafeBufferPointer { y in
              for i in lag..<n { total += x[i] * y[i - lag] }
            }
          }
          // Γⱼ[a, b] adds to (a, b) and, through Γⱼᵀ, to (b, a).
          sum[a, b] += weights[lag] * total
          sum[b, a] += weights[lag] * total
        }
      }
    }
    return sum
  }

  /// The weights w₀ … w_L of a kernel with bandwidth `bandwidth` for `n` observations.
  static func weights(_ kernel: KernelType, bandwidth: Double, observations n: Int) -> [Double] {
    switch kernel {
    case .bartlett:
      let b = Int(bandwidth)
      return (0...min(b, max(n - 1, 0))).map { 1 - Double($0) / Double(b + 1) }
    case .parzen:
      let b = Int(bandwidth)
      return (0...min(b, max(n - 1, 0))).map { j in
        let z = Double(j) / Double(b + 1)
        return z <= 0.5 ? 1 - 6 * z * z + 6 * z * z * z : 2 * (1 - z) * (1 - z) * (1 - z)
      }
    case .quadraticSpectral:
      guard bandwidth > 0, n > 1 else { return [1] }
      return (0..<n).map { j in
        if j == 0 { return 1 }
        let a = 6 * Double.pi * (Double(j) / bandwidth) / 5
        return 3 * (sin(a) / a - cos(a)) / (a * a)
      }
    }
  }

  /// The automatic bandwidth for the scalar series `s`, or nil when the rule is
  /// undefined (too few observations for the pilot lags, or a non-finite result).
  static func automaticBandwidth(_ kernel: KernelType, series s: [Double]) -> Double? {
    let n = s.count
    let (q, c, a): (Double, Double, Double) =
      switch kernel {
      case .bartlett: (1, 1.1447, 2.0 / 9)
      case .parzen: (2, 2.6614, 4.0 / 25)
      case .quadraticSpectral: (2, 1.3221, 2.0 / 25)
      }
    let pilot = Int(ceil(4 * pow(Double(n) / 100, a)))
    guard pilot < n - 1 else { return nil }
    var sigma = [Double](repeating: 0, count: pilot + 1)
    for j in 0...pilot {
      var total = 0.0
      for i in j..<n { total += s[i] * s[i - j] }
      sigma[j] = total / Double(n)
    }
    var s0 = sigma[0]
    var sq = 0.0
    for j in 1...max(pilot, 1) where j <= pilot {
      s0 += 2 * sigma[j]
      sq += 2 * pow(Double(j), q) * sigma[j]
    }
    let exponent = 1 / (2 * q + 1)
    let m = c * pow((sq / s0) * (sq / s0), exponent) * pow(Double(n), exponent)
    guard m.isFinite else { return nil }
    return min(ceil(m), Double(n - 1))
  }
}
