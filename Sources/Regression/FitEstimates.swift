import LinearAlgebra

/// The numbers every fitting route provides to ``RegressionResults``: the estimates and
/// residuals, the dependent variable, κ and the bread's diagonal.
struct FitEstimates: Sendable {
  /// Parameter names, exogenous then endogenous.
  let names: [String]
  /// The estimates.
  let params: [Double]
  /// y − Xβ.
  let residuals: [Double]
  /// y.
  let dependent: [Double]
  /// The κ of a κ-class fit (1 for OLS and 2SLS).
  let kappa: Double
  /// The diagonal of the bread (X̂ᵀX̂)⁻¹ (the κ-class matrix for LIML).
  let breadDiagonal: [Double]

  init(names: [String], params: [Double], residuals: [Double], dependent: [Double], kappa: Double, breadDiagonal: [Double]) {
    self.names = names
    self.params = params
    self.residuals = residuals
    self.dependent = dependent
    self.kappa = kappa
    self.breadDiagonal = breadDiagonal
  }

  /// The numbers of a dense fit.
  init(_ fit: LinearFit, names: [String]) {
    self.init(
      names: names, params: fit.params, residuals: fit.residuals, dependent: fit.y, kappa: fit.kappa,
      breadDiagonal: fit.bread.diagonal)
  }
}
