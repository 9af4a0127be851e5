import LinearAlgebra

/// The outcome of the GMM iterations.
struct GMMEstimate: Sendable {
  /// The final β.
  let params: [Double]
  /// The weight matrix used for the final β.
  let weightMatrix: Matrix
  /// linearmodels' `iterations` (2 for two-step GMM).
  let iterations: Int
  /// The S whose inverse is `weightMatrix` (nil when the initial weight was kept).
  let momentCovariance: Matrix?
  /// The kernel bandwidth of the last S.
  let bandwidth: Double?
}

/// Linear GMM as linearmodels 7.1's `IVGMM.fit`.
enum GMMEstimation {
  /// β(W) = (XᵀZ W ZᵀX)⁻¹ XᵀZ W Zᵀy.
  ///
  /// - Throws: ``ModelError/singularMomentCovariance(_:)`` when XᵀZ W ZᵀX is singular.
  static func parameters(x: Matrix, y: [Double], z: Matrix, weight: Matrix) throws(ModelError) -> [Double] {
    let xz = x.transposeMultiplied(by: z)
    let xzw = xz.multiplied(by: weight)
    let a = xzw.multiplied(by: xz.transposed()).symmetrized()
    guard let inverse = try? a.symmetricInverse() else {
      throw .singularMomentCovariance("XᵀZ W ZᵀX is singular for the GMM weight matrix W")
    }
    return inverse.multiplied(by: xzw.multiplied(by: z.transposeMultiplied(by: y)))
  }

  /// Two-step (`iterationLimit` 2) or iterated GMM from the first-step estimate
  /// `initialParams` (made with `initialWeight`).
  ///
  /// While iterations < limit and δᵀV⁻¹δ > tolerance: e = y − Xβ, S = S(e) (an
  /// error if singular), W = S⁻¹, β = β(W), δ = change in β; V = (AWAᵀ)/n with
  /// A = XᵀZ/n is fixed at the first pass.
  static func iterate(
    x: Matrix, y: [Double], z: Matrix, initialParams: [Double], initialWeight: Matrix,
    estimator: MomentCovariance, iterationLimit: Int, tolerance: Double
  ) throws(ModelError) -> GMMEstimate {
    let n = Double(y.count)
    var params = initialParams
    var weight = initialWeight
    var iterations = 1
    var norm = 10 * tolerance + 1
    var vInverse = Matrix.identity(params.count)
    var momentCovariance: Matrix?
    var bandwidth: Double?
    while iterations < iterationLimit && norm > tolerance {
      let residuals = Vector.subtracting(y, x.multiplied(by: params))
      let estimate = try estimator.estimate(z: z, residuals: residuals, parameterCount: x.columns)
      try checkNonsingular(estimate.matrix, estimator: estimator, observations: y.count)
      guard let inverse = try? estimate.matrix.symmetricInverse() else {
        throw .singularMomentCovariance("the covariance of the \(z.columns) moment conditions cannot be inverted")
      }
      momentCovariance = estimate.matrix
      bandwidth = estimate.bandwidth
      weight = inverse
      let next = try parameters(x: x, y: y, z: z, weight: weight)
      let delta = Vector.subtracting(next, params)
      if iterations == 1 {
        let a = (1 / n) * x.transposeMultiplied(by: z)
        let v = (1 / n) * a.multiplied(by: weight).multiplied(by: a.transposed())
        guard let inverse = try? v.symmetrized().symmetricInverse() else {
          throw .singularMomentCovariance("the GMM parameter covariance used for the convergence test is singular")
        }
        vInverse = inverse
      }
      params = next
      norm = Vector.dot(delta, vInverse.multiplied(by: delta))
      iterations += 1
    }
    return GMMEstimate(
      params: params, weightMatrix: weight, iterations: iterations, momentCovariance: momentCovariance,
      bandwidth: bandwidth)
  }

  /// J = n·ḡᵀWḡ with ḡ = Zᵀe/n.
  static func jStatistic(z: Matrix, residuals e: [Double], weight: Matrix) -> Double {
    let n = Double(e.count)
    let gBar = z.transposeMultiplied(by: e).map { $0 / n }
    return n * Vector.dot(gBar, weight.multiplied(by: gBar))
  }

  /// Throws linearmodels' error for a singular S (too few clusters or observations).
  static func checkNonsingular(_ s: Matrix, estimator: MomentCovariance, observations n: Int) throws(ModelError) {
    guard MomentCovariance.isSingular(s) else { return }
    let m = s.rows
    if case .clustered(let groups) = estimator.kind {
      let count = groups.counts.first ?? 0
      let rank = estimator.center ? count - 1 : count
      let reason =
        estimator.center
        ? "one less than the number of clusters, since the cluster sums of centered moment conditions add to zero"
        : "the number of clusters"
      throw .singularMomentCovariance(
        "the clustered covariance of the \(m) moment conditions is singular because there are too few clusters (\(count) clusters); its rank is at most \(rank), \(reason); use more clusters than moment conditions, or a weight that does not use clusters")
    }
    throw .singularMomentCovariance(
      "the covariance of the \(m) moment conditions is singular, which occurs if there are too few observations (\(n)) for the number of moment conditions; use more observations or fewer moment conditions")
  }
}
