import LinearAlgebra

/// The covariance estimates behind the Montiel Olea–Pflueger effective F and its
/// critical values (`iv-diagnostics.md` §4.2, Stata `weakivtest` conventions), for
/// one endogenous regressor.
///
/// With v̂₂ = M ỹ the reduced-form residual (ỹ on Z̃) and v̂₁ = M x̃ the first-stage
/// residual, Ŵ is the 2K×2K covariance of the scores (v̂₂ᵢ, v̂₁ᵢ) ⊗ z̃ᵢ in the
/// orthonormalised instrument basis, (I₂ ⊗ L⁻¹) · meat · (I₂ ⊗ L⁻ᵀ) with
/// L Lᵀ = Z̃ᵀZ̃, and the meat (``ScoreCovariance``) scaled as weakivtest:
///
/// | covariance | meat | label |
/// |---|---|---|
/// | unadjusted | Ω̂ ⊗ Z̃ᵀZ̃ (so Ŵ = Ω̂ ⊗ I) | homoskedastic |
/// | HC0–HC3 | HC0 · n/(n − L) | HC1 |
/// | one-way clustered | CR0 · (G/(G − 1))·(n − 1)/(n − L) | CR1 |
/// | kernel | HAC · n/(n − L) | HAC |
///
/// Ω̂ = [v̂₂ v̂₁]ᵀ[v̂₂ v̂₁]/(n − L). Blocks: W₁ (y equation), W₁₂ (rows y, columns x)
/// and W₂ (first stage), each K×K. Only ratios of Ŵ enter the statistics, so the
/// common scale (weakivtest's Ž'Ž = n·I instead of I) does not matter.
struct EffectiveFCovariance {
  /// K, the number of excluded instruments.
  let k: Int
  /// W₁, the covariance of the reduced-form scores v̂₂ ⊗ z̃.
  let w1: Matrix
  /// W₁₂, the cross-covariance of v̂₂ ⊗ z̃ (rows) and v̂₁ ⊗ z̃ (columns).
  let w12: Matrix
  /// W₂, the covariance of the first-stage scores v̂₁ ⊗ z̃.
  let w2: Matrix
  /// Ω̂ in the order (y, x): ω₁₁, ω₁₂, ω₂₂.
  let omega11, omega12, omega22: Double
  /// "homoskedastic", "HC1", "CR1" or "HAC".
  let scaling: String

  /// Nil with several endogenous regressors, for two-way clustering or when Z̃ᵀZ̃
  /// cannot be factored.
  init?(_ data: PartialledInstrumentalData, kind: ResolvedCovariance.Kind) {
    guard data.k1 == 1 else { return nil }
    let k = data.k2
    let n = Double(data.n)
    let dof = Double(data.residualDegreesOfFreedom)
    let residuals = Matrix(columns: [data.zQR.residuals(data.y), data.xResiduals.column(0)])
    let omega = (1 / dof) * residuals.gram()
    let meat: Matrix
    let scaling: String
    switch kind {
    case .unadjusted:
      meat = omega.kronecker(data.z.gram())
      scaling = "homoskedastic"
    case .heteroskedastic, .kernel, .clustered:
      guard let raw = ScoreCovariance.meat(data.scores(residuals), kind: kind) else { return nil }
      if let g = ScoreCovariance.clusterCount(kind) {
        meat = (Double(g) / Double(g - 1) * (n - 1) / dof) * raw
        scaling = "CR1"
      } else {
        meat = (n / dof) * raw
        if case .kernel = kind { scaling = "HAC" } else { scaling = "HC1" }
      }
    }
    guard let lInverse = try? data.zGram.lower.inverse() else { return nil }
    let transform = Matrix.identity(2).kronecker(lInverse)
    let w = transform.multiplied(by: meat).multiplied(by: transform.transposed()).symmetrized()
    let first = Array(0..<k)
    let second = Array(k..<(2 * k))
    self.k = k
    w1 = w.submatrix(rows: first, columns: first)
    w12 = w.submatrix(rows: first, columns: second)
    w2 = w.submatrix(rows: second, columns: second)
    omega11 = omega[0, 0]
    omega12 = omega[0, 1]
    omega22 = omega[1, 1]
    self.scaling = scaling
  }
}
