import LinearAlgebra

/// The Cragg–Donald (1993) minimum-eigenvalue statistic (`iv-diagnostics.md` §1).
///
/// g_min = λ_min((X̃ᵀM X̃)⁻¹ X̃ᵀP X̃), computed as the smallest eigenvalue of the
/// symmetric L⁻¹(X̃ᵀP X̃)L⁻ᵀ with L Lᵀ = X̃ᵀM X̃ = V̂ᵀV̂. Then r²_min = g/(1 + g) is the
/// smallest squared partial canonical correlation and
///
///     F_CD = g_min (n − L)/K2            (ivreg2 "Cragg-Donald Wald F", linearmodels `cragg_donald_f`)
///     CD   = g_min (n − L) ~ χ²(K2 − K1 + 1)   (linearmodels `cragg_donald`)
///
/// Always homoskedastic, whatever the model's covariance.
///
/// Cragg, J. G., & Donald, S. G. (1993). Testing identifiability and specification
/// in instrumental variable models. *Econometric Theory* 9, 222–240.
struct CraggDonald {
  /// g_min = r²/(1 − r²).
  let minimumEigenvalue: Double
  /// r²_min.
  let squaredCanonicalCorrelation: Double
  /// F_CD.
  let f: Double
  /// The χ² form.
  let test: TestStatistic

  static let name = "Cragg-Donald test"
  static let null = "Model is underidentified"

  init(_ data: PartialledInstrumentalData) throws(PartialledInstrumentalData.Undefined) {
    let explained = data.xFitted.gram()
    guard let cholesky = try? CholeskyDecomposition(data.xResiduals.gram()),
      let inverse = try? cholesky.lower.inverse()
    else { throw .init(reason: "the instruments predict the endogenous regressors exactly") }
    let symmetric = inverse.multiplied(by: explained).multiplied(by: inverse.transposed()).symmetrized()
    guard let g = SymmetricEigenDecomposition(symmetric).eigenvalues.first, g.isFinite else {
      throw .init(reason: "the Cragg-Donald eigenvalue could not be computed")
    }
    let gMin = max(g, 0)
    guard 1 / (1 + gMin) > 64 * Double.ulpOfOne else {
      throw .init(reason: "the instruments predict the endogenous regressors exactly")
    }
    let dof = Double(data.residualDegreesOfFreedom)
    minimumEigenvalue = gMin
    squaredCanonicalCorrelation = gMin / (1 + gMin)
    f = gMin * dof / Double(data.k2)
    test = TestStatistic(
      name: Self.name, nullHypothesis: Self.null, statistic: gMin * dof, distribution: .chiSquared(data.k2 - data.k1 + 1))
  }
}
