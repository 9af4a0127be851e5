import LinearAlgebra
import Formulas
import Tabular

/// The fit shared by ``OLS``, ``IV2SLS`` and ``IVLIML``: a κ-class estimate of
/// the design (OLS when it has no endogenous regressors), its covariance
/// resolved against the data, and the results.
enum KClassEstimation {
  static func fit(
    design: DesignMatrices, table: DataTable?, kClass: KClass, method: String,
    covariance: CovarianceEstimator, debiased: Bool
  ) throws(ModelError) -> RegressionResults {
    let instrumental = design.isInstrumental
    let core = try LinearFit(
      y: design.dependent, x: design.regressors, xNames: design.regressorNames,
      z: instrumental ? design.allInstruments : nil, zNames: instrumental ? design.allInstrumentNames : [],
      exogenousCount: design.exogenous.columns, kClass: kClass)
    let resolved = try ResolvedCovariance(covariance, fit: core, design: design, table: table)
    let results = RegressionResults(
      method: instrumental ? method : "OLS", design: design, fit: core, covariance: resolved, debiased: debiased)
    guard results.covariance.columnMajorValues.allSatisfy(\.isFinite) else { throw .nonFiniteCovariance }
    return results
  }
}
