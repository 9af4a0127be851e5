import LinearAlgebra

extension LinearFit {
  /// The parameter covariance A⁻¹ S A⁻¹ under a resolved estimator (see
  /// ``CovarianceEstimator`` for the meats and scalings), symmetrised.
  func covariance(_ estimator: ResolvedCovariance, debiased: Bool) -> Matrix {
    let degreesOfFreedomScale = Double(n) / Double(n - k)
    switch estimator.kind {
    case .unadjusted:
      let sigma2 = (debiased ? degreesOfFreedomScale : 1) * Vector.sumOfSquares(residuals) / Double(n)
      return (sigma2 * bread).symmetrized()
    case .heteroskedastic(let type):
      var weights = residuals.map { $0 * $0 }
      if type >= 2 {
        let leverage = self.leverage
        for i in weights.indices { weights[i] /= type == 2 ? 1 - leverage[i] : (1 - leverage[i]) * (1 - leverage[i]) }
      }
      let scale: Double = type == 1 || (type == 0 && debiased) ? degreesOfFreedomScale : 1
      return sandwich(scale * xHat.weightedGram(weights))
    case .clustered(let groups):
      var meat = clusterMeat(groups.codes[0], count: groups.counts[0], debiased: debiased)
      if groups.codes.count == 2 {
        let both = groups.intersection
        meat = meat + clusterMeat(groups.codes[1], count: groups.counts[1], debiased: debiased)
          - clusterMeat(both.codes, count: both.count, debiased: debiased)
      }
      return sandwich(meat)
    case .kernel(let kernel, let bandwidth, _):
      let scale = debiased ? degreesOfFreedomScale : 1
      return sandwich(scale * kernelMeat(kernel, bandwidth: bandwidth))
    }
  }

  /// A⁻¹ S A⁻¹, symmetrised.
  private func sandwich(_ meat: Matrix) -> Matrix {
    bread.multiplied(by: meat).multiplied(by: bread).symmetrized()
  }

  /// Scores gᵢ = x̂ᵢeᵢ (n×k).
  var scores: Matrix {
    var g = xHat
    for j in 0..<k {
      for i in 0..<n { g[i, j] *= residuals[i] }
    }
    return g
  }

  /// Second-stage leverages hᵢ = x̂ᵢᵀ(X̂ᵀX̂)⁻¹x̂ᵢ.
  var leverage: [Double] {
    let projected = xHat.multiplied(by: xHatInverseGram)
    var h = [Double](repeating: 0, count: n)
    for j in 0..<k {
      for i in 0..<n { h[i] += projected[i, j] * xHat[i, j] }
    }
    return h
  }

  /// Σ_g ξ_g ξ_gᵀ with ξ_g the sum of the scores in cluster g, scaled by
  /// G/(G−1)·(n−1)/(n−k) when debiased.
  private func clusterMeat(_ codes: [Int], count: Int, debiased: Bool) -> Matrix {
    var sums = Matrix(rows: count, columns: k)
    let g = scores
    for j in 0..<k {
      for i in 0..<n { sums[codes[i], j] += g[i, j] }
    }
    let scale = debiased ? Double(count) / Double(count - 1) * Double(n - 1) / Double(n - k) : 1
    return scale * sums.gram()
  }

  /// Γ₀ + Σⱼ wⱼ(Γⱼ + Γⱼᵀ) of the scores.
  private func kernelMeat(_ kernel: KernelType, bandwidth: Double) -> Matrix {
    KernelWeights.longRunSum(scores, weights: KernelWeights.weights(kernel, bandwidth: bandwidth, observations: n))
  }

  /// The Newey–West automatic bandwidth from the summed scores, leaving out the
  /// constant column of X̂ (explicit or spanned) when there are other regressors.
  func automaticBandwidth(_ kernel: KernelType) -> Double? {
    let g = scores
    let detected = ConstantDetection.constant(in: xHat)
    let constant = k > 1 && detected.present ? detected.location : nil
    var series = [Double](repeating: 0, count: n)
    for j in 0..<k where j != constant {
      for i in 0..<n { series[i] += g[i, j] }
    }
    return KernelWeights.automaticBandwidth(kernel, series: series)
  }
}
