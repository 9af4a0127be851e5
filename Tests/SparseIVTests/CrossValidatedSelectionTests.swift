import Foundation
import Formulas
import Penalized
import Regression
import SparseIV
import Tabular
import TestSupport
import Testing

/// Post-LASSO IV with cross-validated selection on the seed-004 A/B data, with the fold
/// ids of the `fold` column, against R's `cv.glmnet` (glmnet 4.1-6,
/// `Fixtures/reference/lasso_cv/cv_glmnet_ab.json`: the partialled and the
/// penalty-factor variants) and linearmodels 7.1 on the selected instruments
/// (`ab_tests_iv.json`).
///
/// Tolerances: λ is compared at 1e-6 relative and the selected sets exactly, as the
/// issue asks (both sides use glmnet's default threshold 1e-7, so the fold paths agree to
/// that threshold only); the 2SLS fits on a given selection are closed form (1e-8).
@Suite("post-LASSO IV, cross-validated selection")
struct CrossValidatedSelectionTests {
  struct Run: Decodable {
    let lambda_min: Double
    let lambda_1se: Double
    let nonzero_min: [Int]
    let nonzero_1se: [Int]
    let lambda: [Double]
    let cvm: [Double]
  }
  struct Variant: Decodable { let default_thresh: Run }
  struct DataSet: Decodable {
    let partialled: Variant
    let penalty_factor: Variant
  }
  struct File: Decodable {
    let ab_tests_iv: DataSet
    let ab_tests_null: DataSet
  }

  static func glmnet() throws -> File {
    try JSONDecoder().decode(File.self, from: Data(contentsOf: Fixtures.url("reference/lasso_cv/cv_glmnet_ab.json")))
  }

  static let formula = "y ~ 1 + c1 + c2 + [x ~ m*]"

  static func table(_ name: String) throws -> DataTable {
    try DataTable(contentsOfCSVFile: Fixtures.url("data/\(name).csv").path)
  }

  static func selection(_ penalty: PenaltyChoice) -> InstrumentSelection {
    .lassoCV(CrossValidatedSelection(folds: .column("fold"), penalty: penalty))
  }

  struct Scenario: CustomStringConvertible, Sendable {
    let data: String
    let controls: ControlTreatment
    var description: String { "\(data), controls \(controls.rawValue)" }
  }

  static let scenarios: [Scenario] = ["ab_tests_iv", "ab_tests_null"].flatMap { data in
    [ControlTreatment.partialledOut, .unpenalized].map { Scenario(data: data, controls: $0) }
  }

  /// One cross-validation per scenario: the selection at lambda.min, and the path's
  /// lambda.1se selection (what `--lambda 1se` reports, from the same folds and path).
  @Test(arguments: scenarios)
  func selectsWhatCvGlmnetSelects(_ s: Scenario) throws {
    let golden = try Self.glmnet()
    let dataSet = s.data == "ab_tests_iv" ? golden.ab_tests_iv : golden.ab_tests_null
    let run = (s.controls == .partialledOut ? dataSet.partialled : dataSet.penalty_factor).default_thresh
    let data = try Self.table(s.data)
    let design = try DesignMatrices(formula: Formula(Self.formula), data: data)
    let outcome = try LassoInstrumentSelector(Self.selection(.minimum), controls: s.controls).select(design, data: data)
    let selection = try #require(outcome.report.selections.first)
    let p = design.instrumentNames.count
    #expect(selection.selected == run.nonzero_min.filter { $0 <= p }.map { "m\($0)" })
    expectClose(selection.lambda, run.lambda_min, rtol: 1e-6)
    let path = try #require(outcome.crossValidation.first)
    #expect(path.selectedColumns(.oneStandardError).filter { $0 < p } == run.nonzero_1se.filter { $0 <= p }.map { $0 - 1 })
    expectClose(path.lambda(.oneStandardError), run.lambda_1se, rtol: 1e-6)
    #expect(path.lambdas.count == run.lambda.count)
    expectClose(path.lambdas, Array(run.lambda.prefix(path.lambdas.count)), rtol: 1e-6)
    #expect(outcome.report.controls == s.controls.rawValue)
  }

  @Test func lambdaMinModelMatchesLinearmodels() throws {
    let golden = try ABTestsGoldens.load()
    let expected = try #require(golden.fit(golden.ab_tests_iv, selection: "cv_partialled_lambda_min"))
    let data = try Self.table("ab_tests_iv")
    let model = try IV2SLS(formula: Self.formula, data: data, instrumentSelection: Self.selection(.minimum))
    #expect(model.design.instrumentNames == expected.instruments)
    let results = try model.fit(covariance: .robust)
    expectClose(results.params, expected.robust.params, rtol: 1e-8)
    expectClose(results.stdErrors, expected.robust.std_errors, rtol: 1e-8)
    let f = try #require(model.instrumentSelection?.selections.first?.firstStageF)
    expectClose(f.statistic, expected.first_stage_post_lasso.F, rtol: 1e-10)
    let robust = try #require(model.instrumentSelection?.selections.first?.robustFirstStageF)
    expectClose(robust, expected.first_stage_post_lasso.robust_wald_over_k_hc0, rtol: 1e-8)
  }

  @Test func nullDataAtLambda1seSelectsNothing() throws {
    let data = try Self.table("ab_tests_null")
    #expect(throws: InstrumentSelectionError.self) {
      try IV2SLS(formula: Self.formula, data: data, instrumentSelection: Self.selection(.oneStandardError))
    }
  }

  @Test func badFoldsAreReportedNotCrashed() throws {
    let data = try Self.table("ab_tests_iv")
    let design = try DesignMatrices(formula: Formula(Self.formula), data: data)
    for folds: FoldAssignment in [.column("nope"), .column("c1"), .ids([1, 2]), .ids([Int](repeating: 1, count: 5000)), .random(folds: 1, seed: 1)] {
      #expect(throws: InstrumentSelectionError.self) {
        try LassoInstrumentSelector(.lassoCV(CrossValidatedSelection(folds: folds))).select(design, data: data)
      }
    }
  }

  @Test func randomFoldsAreReproducible() throws {
    let data = try Self.table("ab_tests_iv")
    let design = try DesignMatrices(formula: Formula(Self.formula), data: data)
    let selector = LassoInstrumentSelector(.lassoCV(CrossValidatedSelection(folds: .random(folds: 5, seed: 7))))
    let a = try selector.select(design, data: data), b = try selector.select(design, data: data)
    #expect(a.report == b.report)
    #expect(a.report.selected.contains("m7"))
  }
}
