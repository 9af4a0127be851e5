import LinearAlgebra
public import Formulas
public import Tabular

/// Two-stage least squares, matching linearmodels 7.1's `IV2SLS`.
///
/// β = (X̂ᵀX̂)⁻¹X̂ᵀy with X̂ = P_Z X, X = [exogenous, endogenous] and
/// Z = [exogenous, instruments]. A formula without an IV block gives OLS
/// (method "OLS"), as in linearmodels.
///
/// ```swift
/// let data = try DataTable(contentsOfCSVFile: "Fixtures/data/app_engagement_push.csv")
/// let iv = try IV2SLS(formula: "in_app_purchase ~ 1 + [push_delivered ~ push_assigned]", data: data).fit()
/// iv.params[1]                   // 3.2938…
/// iv.firstStage?.diagnostics[0]  // partial R², Shea's R², partial F
/// ```
public struct IV2SLS: Sendable {
  /// The model's inputs.
  public let design: DesignMatrices
  /// The table a formula model was built from (cluster columns are read from it).
  let table: DataTable?
  /// How the instruments were selected from candidates, when they were.
  public var instrumentSelection: InstrumentSelectionReport?

  /// A model from a formula.
  ///
  /// - Throws: ``FormulaError`` for formula or data problems.
  public init(formula: String, data: DataTable) throws {
    self.design = try DesignMatrices(formula: Formula(formula), data: data)
    self.table = data
  }

  /// A model from design matrices (for example built from arrays).
  ///
  /// - Throws: ``ModelError/underidentified(endogenous:instruments:)``.
  /// `data` is the table the design was built from, needed only to read cluster
  /// columns (`.clustered(["firm"])`); without it, clusters are given as ids.
  public init(design: DesignMatrices, data: DataTable? = nil) throws(ModelError) {
    guard design.instruments.columns >= design.endogenous.columns else {
      throw .underidentified(endogenous: design.endogenous.columns, instruments: design.instruments.columns)
    }
    self.design = design
    self.table = data
  }

  /// Estimates the model.
  ///
  /// - Parameters:
  ///   - covariance: The covariance estimator; linearmodels' default is `.robust`.
  ///   - debiased: Scale the covariance by n/(n−k) and use t and F distributions.
  /// - Throws: ``ModelError`` for collinear regressors or instruments (naming
  ///   them), n ≤ k, or instruments that do not identify the endogenous regressors.
  /// - Complexity: O(*n*·(*k* + *m*)²) for *k* regressors and *m* instruments.
  public func fit(covariance: CovarianceEstimator = .robust, debiased: Bool = false) throws(ModelError) -> RegressionResults {
    var results = try KClassEstimation.fit(
      design: design, table: table, kClass: .fixed(1), method: "IV-2SLS", covariance: covariance, debiased: debiased)
    if var report = instrumentSelection {
      report.effectiveF = results.weakInstruments?.effectiveF?.statistic
      results.instrumentSelection = report
    }
    return results
  }
}
