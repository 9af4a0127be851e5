import LinearAlgebra
import Formulas
public import Tabular

/// Ordinary least squares, with linearmodels' inference conventions.
///
/// ```swift
/// let data = try DataTable(contentsOfCSVFile: "Fixtures/data/app_engagement_push.csv")
/// let results = try OLS(formula: "in_app_purchase ~ push_assigned", data: data).fit()
/// results.params   // [69.29…, 2.36…]
/// ```
public struct OLS: Sendable {
  /// The model's inputs.
  public let data: ModelData

  /// A model from a formula without an IV block.
  ///
  /// - Throws: ``FormulaError`` for formula or data problems;
  ///   ``ModelError/instrumentsInOLS`` when the formula has an IV block.
  public init(formula: String, data: DataTable) throws {
    let parsed = try Formula(formula)
    guard !parsed.hasInstruments else { throw ModelError.instrumentsInOLS }
    self.data = ModelData(design: try DesignMatrices(formula: parsed, data: data))
  }

  /// A model from arrays.
  public init(data: ModelData) throws(ModelError) {
    guard !data.isInstrumental && data.instruments.columns == 0 else { throw .instrumentsInOLS }
    self.data = data
  }

  /// Estimates the model.
  ///
  /// - Parameters:
  ///   - covariance: The covariance estimator; linearmodels' default is `.robust`.
  ///   - debiased: Scale the covariance by n/(n−k) and use t and F distributions.
  /// - Throws: ``ModelError`` for collinear regressors (naming them) or n ≤ k.
  /// - Complexity: O(*n*·*k*²).
  public func fit(covariance: CovarianceEstimator = .robust, debiased: Bool = false) throws(ModelError) -> RegressionResults {
    let core = try LinearFit(y: data.dependent, x: data.regressors, xNames: data.regressorNames, z: nil, zNames: [])
    return RegressionResults(method: "OLS", data: data, fit: core, covariance: covariance, debiased: debiased)
  }
}
