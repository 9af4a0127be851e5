import LinearAlgebra

/// Kleibergen–Paap (2006) rk statistics, as computed by `ranktest` / ivreg2 and
/// linearmodels 7.1 (`iv-diagnostics.md` §2).
///
/// With Q_zz = Z̃ᵀZ̃/n = L_z L_zᵀ and Q_xx = X̃ᵀX̃/n = L_x L_xᵀ (Cholesky), the
/// canonical-correlation matrix Θ̂ = L_z⁻¹ (Z̃ᵀX̃/n) L_x⁻ᵀ has SVD U S Vᵀ; A⊥ spans the
/// complement of the first K1 − 1 left singular vectors, B⊥ = V[:, K1−1],
/// λ = A⊥ᵀΘ̂B⊥ and
///
///     rk = n λᵀ[(B⊥ ⊗ A⊥)ᵀ Ω̂_Θ (B⊥ ⊗ A⊥)]⁺ λ,   Ω̂_Θ = (L_x⁻¹ ⊗ L_z⁻¹) Ŝ (L_x⁻¹ ⊗ L_z⁻¹)ᵀ,
///
/// Ŝ the (un-scaled HC0 / CR0 / HAC) meat of the scores vec(z̃ᵢeᵢᵀ)/n. The LM
/// (under-identification, χ²(K2 − K1 + 1)) uses E = X̃; the Wald form uses the
/// first-stage residuals E = V̂ and is reported as
/// F_KP = rk_W (n − L)/(n K2), or rk_W (n − L)(G − 1)/(G (n − 1) K2) with G clusters.
/// A rank-deficient middle matrix is inverted on its positive eigenvalues and the
/// dof reduced by the deficit. Under the unadjusted estimator the LM is Anderson's
/// n·r²_min and F_KP = F_CD.
///
/// Kleibergen, F., & Paap, R. (2006). Generalized reduced rank tests using the
/// singular value decomposition. *Journal of Econometrics* 133, 97–126.
struct KleibergenPaap {
  let lm: TestStatistic
  let waldF: Double?

  static let name = "Kleibergen-Paap rk LM test"
  static let null = "Model is underidentified"

  init(_ data: PartialledInstrumentalData, craggDonald: CraggDonald, kind: ResolvedCovariance.Kind) {
    let df = data.k2 - data.k1 + 1
    let n = Double(data.n)
    if case .unadjusted = kind {
      lm = TestStatistic(
        name: Self.name, nullHypothesis: Self.null, statistic: n * craggDonald.squaredCanonicalCorrelation,
        distribution: .chiSquared(df))
      waldF = craggDonald.f
      return
    }
    guard let setup = Setup(data) else {
      lm = TestStatistic(invalid: Self.name, nullHypothesis: Self.null, reason: "the canonical correlations could not be computed")
      waldF = nil
      return
    }
    guard ScoreCovariance.meat(data.x, kind: kind) != nil else {
      lm = TestStatistic(invalid: Self.name, nullHypothesis: Self.null, reason: "The statistic is not available for two-way clustering.")
      waldF = nil
      return
    }
    if let (statistic, dof) = setup.rk(scores: data.scores(data.x), kind: kind) {
      lm = TestStatistic(name: Self.name, nullHypothesis: Self.null, statistic: statistic, distribution: .chiSquared(dof))
    } else {
      lm = TestStatistic(
        invalid: Self.name, nullHypothesis: Self.null, reason: "The covariance of the statistic is singular, so the statistic is not defined.")
    }
    if let (wald, _) = setup.rk(scores: data.scores(data.xResiduals), kind: kind) {
      let factor = ScoreCovariance.smallSampleWaldFactor(kind, observations: data.n, instruments: data.exogenousCount + data.k2)
      waldF = wald * factor / Double(data.k2)
    } else {
      waldF = nil
    }
  }

  /// The pieces shared by the LM and Wald forms.
  private struct Setup {
    let n: Int
    let theta: Matrix
    let transform: Matrix
    let select: Matrix

    init?(_ data: PartialledInstrumentalData) {
      let n = Double(data.n)
      guard let lz = try? CholeskyDecomposition((1 / n) * data.z.gram()).lower.inverse(),
        let lx = try? CholeskyDecomposition((1 / n) * data.x.gram()).lower.inverse()
      else { return nil }
      let qzx = (1 / n) * data.z.transposeMultiplied(by: data.x)
      let theta = lz.multiplied(by: qzx).multiplied(by: lx.transposed())
      let svd = SingularValueDecomposition(theta)
      let k1 = data.k1
      let k2 = data.k2
      guard svd.v.columns == k1, svd.u.columns == k1 else { return nil }
      // A⊥: orthonormal basis of the complement of the leading K1 − 1 left singular vectors.
      var complement = Matrix.identity(k2)
      if k1 > 1 {
        let leading = svd.u.selectingColumns(Array(0..<(k1 - 1)))
        complement = complement - leading.multiplied(by: leading.transposed())
      }
      let eigen = SymmetricEigenDecomposition(complement.symmetrized())
      let aPerp = eigen.eigenvectors.selectingColumns(Array((k1 - 1)..<k2))
      let bPerp = svd.v.selectingColumns([k1 - 1])
      self.n = data.n
      self.theta = theta
      self.transform = lx.kronecker(lz)
      self.select = bPerp.transposed().kronecker(aPerp.transposed())
    }

    /// The rk statistic and its dof for the given scores, nil when the middle matrix is zero.
    func rk(scores: Matrix, kind: ResolvedCovariance.Kind) -> (Double, Int)? {
      guard let meat = ScoreCovariance.meat(scores, kind: kind) else { return nil }
      let shat = (1 / Double(n)) * meat
      let omega = transform.multiplied(by: shat).multiplied(by: transform.transposed())
      let lambda = select.multiplied(by: theta.columnMajorValues)
      let middle = select.multiplied(by: omega).multiplied(by: select.transposed()).symmetrized()
      let eigen = SymmetricEigenDecomposition(middle)
      guard let largest = eigen.eigenvalues.last, largest > 0, largest.isFinite else { return nil }
      let tolerance = largest * Double.ulpOfOne * Double(middle.rows)
      var statistic = 0.0
      var deficit = 0
      for (index, value) in eigen.eigenvalues.enumerated() {
        guard value > tolerance else {
          deficit += 1
          continue
        }
        let coefficient = Vector.dot(eigen.eigenvectors.column(index), lambda)
        statistic += coefficient * coefficient / value
      }
      return (Double(n) * statistic, middle.rows - deficit)
    }
  }
}
