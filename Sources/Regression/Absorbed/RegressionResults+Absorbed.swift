public import Formulas
import Foundation
import LinearAlgebra

extension RegressionResults {
  /// The intercept and categorical factor an ``AbsorbingIV2SLS`` fit kept as groups; nil
  /// for a dense fit.
  public var absorbedCategorical: AbsorbedCategorical? { absorbed?.absorbed }

  /// The results of one regression of an absorbed model (the model itself or a first stage).
  ///
  /// - Parameters:
  ///   - design: what ``design`` reports (the non-absorbed columns).
  ///   - names: the reported parameters' names.
  ///   - map: how they follow from the regression's (c, β).
  ///   - residuals: the regression's residuals.
  init(
    method: String, design: DesignMatrices, model: AbsorbedModel, regression: AbsorbedRegression, names: [String],
    map: ParameterMap, residuals: [Double]?, covariance: ResolvedCovariance, debiased: Bool
  ) throws(ModelError) {
    let (matrix, breadDiagonal) = try model.covariance(
      of: regression, residuals: residuals, map: map, kind: covariance.kind, debiased: debiased)
    let params = map.parameters(regression.constants + regression.beta)
    if let residuals, let dependent = model.dependent(of: regression) {
      self.estimates = FitEstimates(
        names: names, params: params, residuals: residuals, dependent: dependent, kappa: 1, breadDiagonal: breadDiagonal)
    } else {
      let totals = model.moments.sumsOfSquares(ofColumn: regression.dependent)
      self.estimates = FitEstimates(
        names: names, params: params, residuals: [], dependent: [], observations: model.observations,
        residualSumOfSquares: Vector.sumOfSquares(regression.within.residuals),
        centredTotalSumOfSquares: totals.centred, uncentredTotalSumOfSquares: totals.uncentred, kappa: 1,
        breadDiagonal: breadDiagonal)
    }
    self.method = method
    self.design = design
    self.fit = nil
    self.absorbed = model
    self.covarianceEstimator = covariance.estimator
    self.resolvedCovariance = covariance
    self.debiased = debiased
    self.fitDate = Date()
    self.covariance = matrix
    self.stdErrors = matrix.diagonal.map { $0 >= 0 ? $0.squareRoot() : .nan }
    self.gmm = nil
  }
}
