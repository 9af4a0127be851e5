import LinearAlgebra

/// The numbers every fitting route provides to ``RegressionResults``: the estimates, the
/// residuals and dependent variable (empty for a streamed fit, which keeps no rows), the
/// sums of squares, κ and the bread's diagonal.
struct FitEstimates: Sendable {
  /// Parameter names, exogenous then endogenous.
  let names: [String]
  /// The estimates.
  let params: [Double]
  /// y − Xβ (empty when the rows were not kept).
  let residuals: [Double]
  /// y (empty when the rows were not kept).
  let dependent: [Double]
  /// The observations.
  let observations: Int
  /// eᵀe.
  let residualSumOfSquares: Double
  /// Σ(y − ȳ)².
  let centredTotalSumOfSquares: Double
  /// Σy².
  let uncentredTotalSumOfSquares: Double
  /// The κ of a κ-class fit (1 for OLS and 2SLS).
  let kappa: Double
  /// The diagonal of the bread (X̂ᵀX̂)⁻¹ (the κ-class matrix for LIML).
  let breadDiagonal: [Double]

  /// Estimates with the rows kept: the sums of squares come from them.
  init(names: [String], params: [Double], residuals: [Double], dependent: [Double], kappa: Double, breadDiagonal: [Double]) {
    let mean = Vector.sum(dependent) / Double(dependent.count)
    self.init(
      names: names, params: params, residuals: residuals, dependent: dependent, observations: dependent.count,
      residualSumOfSquares: Vector.sumOfSquares(residuals),
      centredTotalSumOfSquares: Vector.sumOfSquares(dependent.map { $0 - mean }),
      uncentredTotalSumOfSquares: Vector.sumOfSquares(dependent), kappa: kappa, breadDiagonal: breadDiagonal)
  }

  /// Estimates from every part.
  init(
    names: [String], params: [Double], residuals: [Double], dependent: [Double], observations: Int,
    residualSumOfSquares: Double, centredTotalSumOfSquares: Double, uncentredTotalSumOfSquares: Double,
    kappa: Double, breadDiagonal: [Double]
  ) {
    self.names = names
    self.params = params
    self.residuals = residuals
    self.dependent = dependent
    self.observations = observations
    self.residualSumOfSquares = residualSumOfSquares
    self.centredTotalSumOfSquares = centredTotalSumOfSquares
    self.uncentredTotalSumOfSquares = uncentredTotalSumOfSquares
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
