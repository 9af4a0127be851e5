/// Where each coefficient of the structural model sits, and its prior.
///
/// The coefficient vector θ is the outcome equation's `[a_y (kx), β_t]` followed by the
/// first stage's `[a_t (kx), β_z (kz)]`; the data columns are `[X, Z, t, y]`.
struct StructuralLayout: Sendable {
  /// Exogenous regressors (the intercept among them) and excluded instruments.
  let exogenousCount: Int
  let instrumentCount: Int
  /// Prior precision and precision × mean of every coefficient but the effect, whose
  /// entries are 0 (its prior is handled separately: flat, normal or hierarchical).
  let priorPrecision: [Double]
  let priorLinear: [Double]

  /// Coefficients in the outcome equation.
  var outcomeCount: Int { exogenousCount + 1 }
  /// Coefficients in the first stage.
  var firstStageCount: Int { exogenousCount + instrumentCount }
  /// All coefficients.
  var coefficientCount: Int { outcomeCount + firstStageCount }
  /// The position of β_t in θ.
  var effectIndex: Int { exogenousCount }
  /// The data columns `[X, Z, t, y]`.
  var columnCount: Int { exogenousCount + instrumentCount + 2 }

  /// The data column of coefficient `index`'s regressor.
  func column(ofCoefficient index: Int) -> Int {
    if index < exogenousCount { return index }
    if index == exogenousCount { return exogenousCount + instrumentCount }
    return index - outcomeCount
  }

  /// Whether coefficient `index` belongs to the outcome equation.
  func isOutcome(_ index: Int) -> Bool { index < outcomeCount }

  /// Coefficients over the data columns whose product with a row is the outcome's error
  /// `y − Xᵀa_y − β_t t`.
  func outcomeResidual(_ theta: [Double]) -> [Double] {
    var u = [Double](repeating: 0, count: columnCount)
    for j in 0..<exogenousCount { u[j] = -theta[j] }
    u[columnCount - 2] = -theta[effectIndex]
    u[columnCount - 1] = 1
    return u
  }

  /// Coefficients over the data columns for the first stage's error `t − Xᵀa_t − Zᵀβ_z`.
  func firstStageResidual(_ theta: [Double]) -> [Double] {
    var v = [Double](repeating: 0, count: columnCount)
    for j in 0..<firstStageCount { v[j] = -theta[outcomeCount + j] }
    v[columnCount - 2] = 1
    return v
  }

  /// The residual cross-products `EᵀE` of the errors `(ε_y, ε_t)` at `theta`.
  func residualCrossProducts(_ theta: [Double], _ statistics: CrossProducts) -> Symmetric2x2 {
    let u = outcomeResidual(theta)
    let v = firstStageResidual(theta)
    return Symmetric2x2(a: statistics.product(u, u), b: statistics.product(u, v), c: statistics.product(v, v))
  }
}
