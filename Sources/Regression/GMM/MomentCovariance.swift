#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import LinearAlgebra

/// An estimator of S, the covariance of the GMM moment conditions gᵢ = zᵢeᵢ, with
/// its clusters resolved: linearmodels 7.1's `HomoskedasticWeightMatrix`,
/// `HeteroskedasticWeightMatrix`, `KernelWeightMatrix` and
/// `OneWayClusteredWeightMatrix` (see ``GMMWeight`` for the formulas). IVGMM's
/// covariance uses the same estimators at the final residuals.
struct MomentCovariance: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case unadjusted
    case robust
    /// A nil bandwidth is chosen from the moments each time S is estimated.
    case kernel(KernelType, bandwidth: Double?)
    /// One-way clusters.
    case clustered(ClusterGroups)
  }

  let kind: Kind
  /// Subtract ḡ from the scores (no effect on the unadjusted estimator).
  let center: Bool
  /// Scale by n/(n−k) (clustered: (n−1)/(n−k)·G/(G−1)).
  let debiased: Bool

  /// S and the kernel bandwidth it used.
  struct Estimate {
    let matrix: Matrix
    let bandwidth: Double?
  }

  /// This estimator with `center` replaced.
  func centered(_ center: Bool) -> MomentCovariance {
    MomentCovariance(kind: kind, center: center, debiased: debiased)
  }

  /// S(e) for instruments Z (n×m), residuals e and k parameters.
  ///
  /// - Throws: ``ModelError/automaticBandwidthUndefined(observations:)`` when the
  ///   automatic bandwidth cannot be computed (too few observations, a moment
  ///   without variation or a non-finite result).
  func estimate(z: Matrix, residuals e: [Double], parameterCount k: Int) throws(ModelError) -> Estimate {
    let n = z.rows
    let dfScale = debiased ? Double(n) / Double(n - k) : 1
    switch kind {
    case .unadjusted:
      let mean = Vector.sum(e) / Double(n)
      let s2 = Vector.sumOfSquares(e.map { $0 - mean }) / Double(n)
      return Estimate(matrix: (dfScale * s2 / Double(n)) * z.gram(), bandwidth: nil)
    case .robust:
      return Estimate(matrix: (dfScale / Double(n)) * scores(z, e).gram(), bandwidth: nil)
    case .kernel(let type, let given):
      let g = scores(z, e)
      let bandwidth: Double
      if let given {
        bandwidth = given
      } else {
        guard let automatic = Self.automaticBandwidth(type, scores: g) else {
          throw .automaticBandwidthUndefined(observations: n)
        }
        bandwidth = automatic
      }
      let weights = KernelWeights.weights(type, bandwidth: bandwidth, observations: n)
      return Estimate(matrix: (dfScale / Double(n)) * KernelWeights.longRunSum(g, weights: weights), bandwidth: bandwidth)
    case .clustered(let groups):
      let g = scores(z, e)
      let count = groups.counts.first ?? 0
      let codes = groups.codes.first ?? []
      var sums = Matrix(rows: count, columns: g.columns)
      for j in 0..<g.columns {
        for i in 0..<n { sums[codes[i], j] += g[i, j] }
      }
      let scale = debiased ? Double(n - 1) / Double(n - k) * Double(count) / Double(count - 1) : 1
      return Estimate(matrix: (scale / Double(n)) * sums.gram(), bandwidth: nil)
    }
  }

  /// gᵢ = zᵢeᵢ, minus their mean when centring.
  private func scores(_ z: Matrix, _ e: [Double]) -> Matrix {
    var g = z
    for j in 0..<g.columns {
      var total = 0.0
      for i in 0..<g.rows {
        g[i, j] *= e[i]
        total += g[i, j]
      }
      if center {
        let mean = total / Double(g.rows)
        for i in 0..<g.rows { g[i, j] -= mean }
      }
    }
    return g
  }

  /// linearmodels 7.1's GMM bandwidth: the Newey–West rule on Σⱼ gᵢⱼ/σⱼ, with σⱼ
  /// the population standard deviation of moment j (no column is left out). Nil
  /// when a moment does not vary or the rule is undefined.
  static func automaticBandwidth(_ kernel: KernelType, scores g: Matrix) -> Double? {
    let n = g.rows
    guard n > 0 else { return nil }
    var series = [Double](repeating: 0, count: n)
    for j in 0..<g.columns {
      let column = g.column(j)
      let mean = Vector.sum(column) / Double(n)
      let sd = (Vector.sumOfSquares(column.map { $0 - mean }) / Double(n)).squareRoot()
      guard sd > 0, sd.isFinite else { return nil }
      for i in 0..<n { series[i] += column[i] / sd }
    }
    return KernelWeights.automaticBandwidth(kernel, series: series)
  }

  /// linearmodels 7.1's `_is_singular`: S is singular when it is not finite, a
  /// variance is not positive, or its correlation matrix has numerical rank below
  /// its order (eigenvalues at most max|λ|·m·ε count as zero, as
  /// `matrix_rank(hermitian=True)`).
  static func isSingular(_ s: Matrix) -> Bool {
    let m = s.rows
    guard m > 0 else { return false }
    let variances = s.diagonal
    guard s.columnMajorValues.allSatisfy(\.isFinite), variances.allSatisfy({ $0 > 0 }) else { return true }
    let sd = variances.map { $0.squareRoot() }
    var correlation = s
    for j in 0..<m {
      for i in 0..<m { correlation[i, j] = s[i, j] / (sd[i] * sd[j]) }
    }
    let magnitudes = SymmetricEigenDecomposition(correlation.symmetrized()).eigenvalues.map(abs)
    let cutoff = (magnitudes.max() ?? 0) * Double(m) * Double.ulpOfOne
    return magnitudes.filter { $0 > cutoff }.count < m
  }
}
