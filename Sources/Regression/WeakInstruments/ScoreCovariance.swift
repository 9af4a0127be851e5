import LinearAlgebra

/// Un-normalised "meats" of score matrices under a model's covariance estimator,
/// for the robust weak-identification statistics (`iv-diagnostics.md` §0):
///
/// | kind | meat Σ |
/// |---|---|
/// | unadjusted, HC0–HC3 | Σᵢ sᵢsᵢᵀ (HC0; the HC2/HC3 leverages are not used) |
/// | one-way clustered | Σ_g ξ_g ξ_gᵀ, ξ_g = Σ_{i∈g} sᵢ (CR0) |
/// | kernel | Γ₀ + Σⱼ wⱼ(Γⱼ + Γⱼᵀ), Γⱼ = Σᵢ sᵢsᵢ₋ⱼᵀ, the model's kernel and bandwidth |
///
/// Two-way clustering is not supported (nil), as in linearmodels 7.1 and ivreg2.
enum ScoreCovariance {
  /// The meat of the n×m score matrix `s`, or nil for two-way clustering.
  static func meat(_ s: Matrix, kind: ResolvedCovariance.Kind) -> Matrix? {
    switch kind {
    case .unadjusted, .heteroskedastic:
      return s.gram()
    case .clustered(let groups):
      guard groups.codes.count == 1, let codes = groups.codes.first, let count = groups.counts.first else { return nil }
      var sums = Matrix(rows: count, columns: s.columns)
      for j in 0..<s.columns {
        for i in 0..<s.rows { sums[codes[i], j] += s[i, j] }
      }
      return sums.gram()
    case .kernel(let kernel, let bandwidth, _):
      var meat = s.gram()
      let weights = KernelWeights.weights(kernel, bandwidth: bandwidth, observations: s.rows)
      guard weights.count > 1 else { return meat }
      let columns = (0..<s.columns).map { s.column($0) }
      for lag in 1..<weights.count where weights[lag] != 0 {
        for a in 0..<s.columns {
          for b in 0..<s.columns {
            var total = 0.0
            for i in lag..<s.rows { total += columns[a][i] * columns[b][i - lag] }
            meat[a, b] += weights[lag] * total
            meat[b, a] += weights[lag] * total
          }
        }
      }
      return meat
    }
  }

  /// The number of clusters of a one-way clustered estimator, otherwise nil.
  static func clusterCount(_ kind: ResolvedCovariance.Kind) -> Int? {
    if case .clustered(let groups) = kind, groups.counts.count == 1 { return groups.counts.first }
    return nil
  }

  /// The Stata small-sample factor that turns an HC0/CR0 Wald statistic into
  /// the HC1/CR1 one: (n − L)/n, or (G − 1)/G · (n − L)/(n − 1) with G clusters.
  static func smallSampleWaldFactor(_ kind: ResolvedCovariance.Kind, observations n: Int, instruments l: Int) -> Double {
    if let g = clusterCount(kind) {
      return Double(g - 1) / Double(g) * Double(n - l) / Double(n - 1)
    }
    return Double(n - l) / Double(n)
  }
}
