import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// LIML, Fuller and a user κ on the 20-row data set, against the values published
/// in the linearmodels reference notes (§10, linearmodels 7.1).
@Suite("k-class estimators: LIML, Fuller, user kappa")
struct KClassTests {
  static let formula = "y ~ 1 + x1 + [x2 ~ z1 + z2]"
  static func data() throws -> DataTable { try DataTable(contentsOfCSVFile: Fixtures.url("data/golden20.csv").path) }

  @Test func limlUnadjusted() throws {
    let results = try IVLIML(formula: Self.formula, data: Self.data()).fit(covariance: .unadjusted)
    #expect(results.method == "IV-LIML")
    expectClose(results.kappa, 1.0035639452138987, rtol: 1e-12)
    expectClose(results.params, [1.2215781988692138, 0.43298253080906, 1.8351314627961364], rtol: 1e-10)
    expectClose(results.stdErrors, [0.21961811404318118, 0.2534412448448715, 0.22810410825554672], rtol: 1e-10)
  }

  @Test func fullerRobust() throws {
    let results = try IVLIML(formula: Self.formula, data: Self.data(), fuller: 1).fit()
    #expect(results.method == "IV-LIML(fuller(alpha=1))")
    expectClose(results.kappa, 0.9410639452138987, rtol: 1e-12)
    expectClose(results.params, [1.2161390236000005, 0.41482858546752194, 1.8677316376648927], rtol: 1e-10)
    expectClose(results.stdErrors, [0.22649776654758935, 0.23959063116557705, 0.2030791508833509], rtol: 1e-10)
    #expect(results.summary.hasSuffix("Debiased: False\nKappa: 0.941"))
  }

  @Test func kappaOneIsTwoStageLeastSquaresAndZeroIsOLS() throws {
    let data = try Self.data()
    let tsls = try IV2SLS(formula: Self.formula, data: data).fit()
    let one = try IVLIML(formula: Self.formula, data: data, kappa: 1).fit()
    #expect(one.method == "IV-LIML(kappa=1)")
    expectClose(one.params, tsls.params, rtol: 1e-12)
    expectClose(one.stdErrors, tsls.stdErrors, rtol: 1e-12)
    let ols = try OLS(formula: "y ~ 1 + x1 + x2", data: data).fit(covariance: .unadjusted)
    let zero = try IVLIML(formula: Self.formula, data: data, kappa: 0).fit(covariance: .unadjusted)
    expectClose(zero.params, ols.params, rtol: 1e-12)
    // The bread is (XᵀX)⁻¹ but linearmodels' κ-class σ² and scores still use the model's residuals.
    expectClose(zero.stdErrors, ols.stdErrors, rtol: 1e-12)
  }

  @Test func limlEqualsTwoStageLeastSquaresWhenJustIdentified() throws {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/app_engagement_push.csv").path)
    let formula = "in_app_purchase ~ [push_delivered ~ push_assigned]"
    let liml = try IVLIML(formula: formula, data: data).fit()
    let tsls = try IV2SLS(formula: formula, data: data).fit()
    expectClose(liml.kappa, 1, rtol: 1e-10)
    expectClose(liml.params, tsls.params, rtol: 1e-9)
  }
}
