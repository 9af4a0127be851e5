import LinearAlgebra
public import Formulas
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
  public let design: DesignMatrices
  /// The table a formula model was built from (cluster columns are read from it).
  let table: DataTable?

  /// A model from a formula without an IV block.
  ///
  /// - Throws: ``FormulaError`` for formula or data problems;
  ///   ``ModelError/instrumentsInOLS`` when the formula has an IV block.
  public init(formula: String, data: DataTable) throws {
    let parsed = try Formula(formula)
    guard !parsed.hasInstruments else { throw ModelError.instrumentsInOLS }
    self.design = try DesignMatrices(formula: parsed, data: data)
    self.table = data
  }

  /// A model from design matrices (for example built from arrays).
  ///
  /// - Throws: ``ModelError/instrumentsInOLS`` when `design` has endogenous regressors or instruments.
  /// `data` is the table the design was built from, needed only to read cluster
  /// columns (`.clustered(["firm"])`); without it, clusters are given as ids.
  public init(design: DesignMatrices, data: DataTable? = nil) throws(ModelError) {
    guard !design.isInstrumental && design.instruments.columns == 0 else { throw .instrumentsInOLS }
    self.design = design
    self.table = data
  }

  /// Estimates the model.
  ///
  /// - Parameters:
  ///   - covariance: The covariance estimator; linearmodels' default is `.robust`.
  ///   - debiased: Scale the covariance by n/(n−k) and use t and F distributions.
  /// - Throws: ``ModelError`` for collinear regressors (naming them) or n ≤ k.
  /// - Complexity: O(*n*·*k*²).
  public func fit(covariance: CovarianceEstimator = .robust, debiased: Bool = false) throws(ModelError) -> RegressionResults {
    try KClassEstimation.fit(
      design: design, table: table, kClass: .fixed(1), method: "OLS", covariance: covariance, debiased: debiased)
  }
}
