import Formulas
import LinearAlgebra

extension FirstStageResults {
  /// The first stage of an absorbed model, from its moments: each endogenous regressor's
  /// OLS on [absorbed groups, x, z] (coefficients, R² and covariance as the dense route's),
  /// the partial R² 1 − ‖M_Z t‖²/‖M_W t‖² (W = [groups, x]), Shea's partial R² from the
  /// within inverse Gram matrices (the endogenous block is the same with or without the
  /// dummies) and the partial F under the model's covariance.
  init(absorbed model: AbsorbedModel, results: RegressionResults) throws(ModelError) {
    let design = results.design
    let d = model.moments.columns
    let r = model.moments.r
    let stageNames = model.exogenousNames + design.instrumentNames
    let exogenousCount = model.exogenousNames.count
    let olsInverse = QRDecomposition(model.moments.factor.selectingColumns(model.regression.regressors)).inverseGram()
    let modelInverse = model.regression.inverseGram
    var diagnostics: [Diagnostics] = []
    var regressions: [RegressionResults] = []
    for (j, name) in design.endogenousNames.enumerated() {
      let column = model.endogenousColumns[j]
      let stage = try AbsorbedRegression(
        moments: model.moments, regressors: model.exogenousColumns + model.instrumentColumns, instruments: nil,
        dependent: column, names: model.names)
      let residuals = model.residuals(of: stage)
      let stageDesign = DesignMatrices(
        dependentName: name, dependent: [], exogenous: Matrix(rows: 0, columns: 0), exogenousNames: [],
        droppedRowCount: design.droppedRowCount)
      let regression = try RegressionResults(
        method: "OLS", design: stageDesign, model: model, regression: stage, names: stageNames,
        map: model.parameterMap(extra: model.q), residuals: residuals, covariance: results.resolvedCovariance,
        debiased: results.debiased)
      regressions.append(regression)
      // ‖M_W t‖²: the factor's entries of t's column below the x block.
      var partialledTotal = 0.0
      for i in model.p...column { partialledTotal += r[i + column * d] * r[i + column * d] }
      let partialRSquared = 1 - regression.residualSumOfSquares / partialledTotal
      let index = model.p + j
      diagnostics.append(
        Diagnostics(
          endogenous: name, rsquared: regression.rsquared, partialRSquared: partialRSquared,
          sheaRSquared: olsInverse[index, index] / modelInverse[index, index],
          partialF: Self.partialF(
            regression, instruments: exogenousCount..<(exogenousCount + model.q),
            unadjusted: results.covarianceEstimator == .unadjusted)))
    }
    self.init(diagnostics: diagnostics, regressions: regressions)
  }
}
