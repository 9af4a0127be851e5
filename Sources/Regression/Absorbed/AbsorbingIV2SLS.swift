import LinearAlgebra
public import Formulas
public import Tabular

/// ``IV2SLS`` (or OLS without an IV block) for large data: the intercept and a categorical
/// main effect `C(g)` are absorbed — kept as one group code per row, never as dummy
/// columns — and the model is fitted from mergeable within-group statistics.
///
/// The reported parameters (intercept and every `C(g)[T.level]` included), their
/// covariance, R², the model F, the first stage (partial R², Shea's R², partial F) and the
/// Wu–Hausman, Durbin, Sargan, Basmann and Anderson–Rubin tests are the same as
/// ``IV2SLS``'s on the full design with dummies, to rounding. The cost is one pass over the
/// rows for the statistics (Householder QR of row chunks, reduced on every core) and one
/// for the sandwich, O(n·d²) for d dense columns, instead of O(n·(d + L)²) with L levels.
///
/// Offered covariances: unadjusted, robust (HC0), HC1 and clustered (one- or two-way).
/// The weak-instrument block is computed from the rows' deviations from their group means;
/// Wooldridge's tests are not computed.
///
/// ```swift
/// let data = try DataTable(contentsOfCSVFile: "iv1e6.csv")
/// let model = try AbsorbingIV2SLS(formula: "y ~ 1 + x1 + C(g) + [t1 ~ z1 + z2]", data: data)
/// let results = try model.fit(covariance: .robust)
/// results.parameterNames   // ["Intercept", "x1", "C(g)[T.g01]", …, "t1"]
/// ```
public struct AbsorbingIV2SLS: Sendable {
  /// The model's inputs.
  public let design: AbsorbingDesign
  /// The table (cluster columns are read from it).
  let table: DataTable?

  /// A model from a formula.
  ///
  /// - Throws: ``FormulaError`` for formula or data problems;
  ///   ``ModelError/unsupportedByAbsorption(_:)`` when the formula has neither an
  ///   intercept nor a categorical main effect to absorb.
  public init(formula: String, data: DataTable) throws {
    guard let design = try AbsorbingDesign(formula: Formula(formula), data: data) else {
      throw ModelError.unsupportedByAbsorption("the model has neither an intercept nor a categorical term to absorb")
    }
    self.design = design
    self.table = data
  }

  /// A model from an absorbing design; `data` is the table it was built from (for cluster columns).
  public init(design: AbsorbingDesign, data: DataTable? = nil) {
    self.design = design
    self.table = data
  }

  /// Estimates the model.
  ///
  /// - Throws: ``ModelError`` for collinear columns (a column constant within the groups
  ///   is reported as spanned by them), n ≤ k, an unsupported covariance estimator.
  /// - Complexity: O(*n*·*d*²) for *d* dense columns (regressors, instruments, y).
  public func fit(covariance: CovarianceEstimator = .robust, debiased: Bool = false) throws(ModelError) -> RegressionResults {
    let model = try AbsorbedModel(design)
    guard
      let kind = try ResolvedCovariance.kind(
        covariance, observations: model.observations, design: design.design, table: table)
    else { throw .unsupportedByAbsorption("kernel (HAC) standard errors are not offered by the absorbing fit") }
    let instrumental = design.design.isInstrumental
    let results = try RegressionResults(
      method: instrumental ? "IV-2SLS" : "OLS", design: design.design.namesOnly, model: model, regression: model.regression,
      names: design.regressorNames, map: model.parameterMap(extra: model.m), residuals: model.residuals(of: model.regression),
      covariance: ResolvedCovariance(estimator: covariance, kind: kind), debiased: debiased)
    guard results.covariance.columnMajorValues.allSatisfy(\.isFinite) else { throw .nonFiniteCovariance }
    return results
  }
}
