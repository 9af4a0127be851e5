import Foundation
import LinearAlgebra
import Penalized
import TestSupport
import Testing

/// `RigorousLasso` against the hdm 0.3.2 `rlasso` re-implementation of
/// `Fixtures/reference/lasso_cv/rlasso_reference.json` (hdm itself is not installable on
/// the golden machine; the script follows the LASSO reference notes §5 and reproduces
/// every hdm number they quote to ≤ 1.7e-14, see `Fixtures/reference/lasso_cv/README.md`).
///
/// Tolerances: λ0 is closed form (1e-13 relative). Post-lasso coefficients, loadings and
/// penalties are least-squares results on the selected set (1e-10 relative). Without the
/// refit the lasso coefficients are exact on both sides (KKT-polished), 1e-9.
@Suite("rigorous (plug-in) lasso, hdm rlasso")
struct RigorousLassoTests {
  struct Result: Decodable {
    struct Step: Decodable { let selected: [Int] }
    let selected: [Int]
    let beta: [Double]
    let intercept: Double
    let lambda0: Double
    let lambda: [Double]
    let loadings: [Double]
    let sigma: Double
    let iter: Int
    let c: Double
    let gamma: Double
    let top5_initial: [Int]
    let history: [Step]?
  }
  struct DataB: Decodable {
    let rlasso_strong: Result
    let rlasso_strong_post_false: Result
    let rlasso_strong_homoscedastic_hdm_source_rule: Result
    let rlasso_weak: Result
  }
  struct ABTests: Decodable { let rlasso_partialled: Result }
  struct File: Decodable {
    let data_b: DataB
    let ab_tests_iv: ABTests
    let ab_tests_null: ABTests
  }

  static let golden: File? = try? JSONDecoder().decode(
    File.self, from: Data(contentsOf: Fixtures.url("reference/lasso_cv/rlasso_reference.json")))

  static func dataB(response: String) throws -> (Matrix, [Double]) {
    let csv = try ReferenceCSV("data/lasso_b.csv")
    return (try csv.matrix((1...30).map { "z\($0)" }), try csv.column(response))
  }

  /// x and every candidate residualised on (1, c1, c2), as the golden script does.
  static func abTests(_ file: String, candidates: Int) throws -> (Matrix, [Double]) {
    let csv = try ReferenceCSV("data/\(file).csv")
    let controls = [try csv.column("c1"), try csv.column("c2")]
    let m = ReferenceCSV.partialled(try csv.matrix((1...candidates).map { "m\($0)" }), on: controls)
    let x = ReferenceCSV.partialled(try csv.matrix(["x"]), on: controls)
    return (m, x.column(0))
  }

  func check(_ fit: RigorousLassoFit, _ expected: Result, coefficientTolerance: Double = 1e-10) {
    #expect(fit.selectedColumns == expected.selected.map { $0 - 1 })
    #expect(fit.iterations == expected.iter)
    #expect(fit.initialColumns == expected.top5_initial.map { $0 - 1 })
    expectClose(fit.lambda0, expected.lambda0, rtol: 1e-13)
    expectClose(fit.c, expected.c, rtol: 0)
    expectClose(fit.gamma, expected.gamma, rtol: 1e-15)
    expectClose(fit.coefficients, expected.beta, rtol: coefficientTolerance, atol: 1e-12)
    expectClose(fit.intercept, expected.intercept, rtol: coefficientTolerance, atol: 1e-12)
    expectClose(fit.lambdas, expected.lambda, rtol: 1e-10)
    expectClose(fit.loadings, expected.loadings, rtol: 1e-10)
    let sigma = fit.isEmpty ? expected.sigma.squareRoot() : expected.sigma  // hdm reports var(y) when empty
    expectClose(fit.residualStandardDeviation, sigma, rtol: 1e-10)
    if let history = expected.history {
      #expect(fit.selectionHistory == history.map { $0.selected.map { $0 - 1 } })
    }
  }

  @Test func strongDesignSelectsTheThreeTrueInstruments() throws {
    let golden = try #require(Self.golden)
    let (z, d) = try Self.dataB(response: "d")
    check(try RigorousLasso().fit(z, d), golden.data_b.rlasso_strong)
  }

  @Test func withoutRefitTheConstantIsHalfAndCoefficientsAreTheLasso() throws {
    let golden = try #require(Self.golden)
    let (z, d) = try Self.dataB(response: "d")
    let fit = try RigorousLasso(options: RigorousLassoOptions(postLasso: false)).fit(z, d)
    check(fit, golden.data_b.rlasso_strong_post_false, coefficientTolerance: 1e-9)
  }

  @Test func homoskedasticLoadingsFollowHdmSource() throws {
    let golden = try #require(Self.golden)
    let (z, d) = try Self.dataB(response: "d")
    let fit = try RigorousLasso(options: RigorousLassoOptions(loadings: .homoskedastic)).fit(z, d)
    check(fit, golden.data_b.rlasso_strong_homoscedastic_hdm_source_rule)
  }

  @Test func weakDesignSelectsNothingAndReturnsTheMean() throws {
    let golden = try #require(Self.golden)
    let (z, d) = try Self.dataB(response: "d_weak")
    let fit = try RigorousLasso().fit(z, d)
    #expect(fit.isEmpty)
    check(fit, golden.data_b.rlasso_weak)
  }

  @Test func abTestsPlugInSelectsTheFourStrongTests() throws {
    let golden = try #require(Self.golden)
    let (m, x) = try Self.abTests("ab_tests_iv", candidates: 100)
    let fit = try RigorousLasso().fit(m, x)
    #expect(fit.selectedColumns == [6, 22, 40, 61])
    check(fit, golden.ab_tests_iv.rlasso_partialled)
  }

  @Test func nullABTestsSelectNothingInTheSecondPass() throws {
    let golden = try #require(Self.golden)
    let (m, x) = try Self.abTests("ab_tests_null", candidates: 50)
    let fit = try RigorousLasso().fit(m, x)
    #expect(fit.isEmpty)
    #expect(fit.selectionHistory.first == [0, 22, 39])
    check(fit, golden.ab_tests_null.rlasso_partialled)
  }

  @Test func penaltyLevelIsTheBCCHFormula() {
    let lambda0 = RigorousLasso().penaltyLevel(observations: 200, columns: 30)
    expectClose(lambda0, 106.36605875697248, rtol: 1e-13)  // lasso-iv.md §7.6
  }

  @Test func badInputThrowsTypedErrors() {
    let x = Matrix(rows: [[1, 2], [3, 4], [5, 7]])
    #expect(throws: PenalizedError.self) { try RigorousLasso().fit(x, [1, 2]) }
    #expect(throws: PenalizedError.self) { try RigorousLasso().fit(x, [1, .nan, 2]) }
    #expect(throws: PenalizedError.self) { try RigorousLasso(options: .init(c: -1)).fit(x, [1, 2, 3]) }
    #expect(throws: PenalizedError.self) { try RigorousLasso(options: .init(gamma: 2)).fit(x, [1, 2, 3]) }
    #expect(throws: PenalizedError.self) { try RigorousLasso(options: .init(maxIterations: 0)).fit(x, [1, 2, 3]) }
    #expect(throws: PenalizedError.self) { try RigorousLasso().fit(Matrix(rows: 1, columns: 2), [1]) }
  }

  @Test func constantAndDuplicateColumnsDoNotCrash() throws {
    let (z, d) = try Self.dataB(response: "d")
    var x = z
    x.setColumn(5, to: [Double](repeating: 3, count: z.rows))
    x.setColumn(6, to: z.column(0))  // an exact duplicate of the strongest column
    let fit = try RigorousLasso().fit(x, d)
    #expect(!fit.selectedColumns.contains(5))
    #expect(fit.coefficients.allSatisfy { $0.isFinite })
  }

  struct NoInterceptResult: Decodable {
    let selected: [Int]
    let beta: [Double]
    let lambda0: Double
    let lambda: [Double]
    let loadings: [Double]
    let sigma: Double
    let iter: Int
  }
  struct NoInterceptFile: Decodable {
    let data_b_no_intercept: NoInterceptResult
    let ab_raw_no_intercept: NoInterceptResult
    let ab_raw_with_intercept: NoInterceptResult
  }

  /// `rlasso(x, y, intercept = FALSE)`: nothing is centred (rlasso_no_intercept.json).
  /// On the raw 0/1 tests every column then carries the mean of x, so all 20 are kept;
  /// with an intercept only m7 is.
  @Test func withoutAnInterceptNothingIsCentred() throws {
    let golden = try JSONDecoder().decode(
      NoInterceptFile.self, from: Data(contentsOf: Fixtures.url("reference/lasso_cv/rlasso_no_intercept.json")))
    let (z, d) = try Self.dataB(response: "d")
    let csv = try ReferenceCSV("data/ab_tests_iv.csv")
    let m = try csv.matrix((1...20).map { "m\($0)" })
    let x = try csv.column("x")
    let cases: [(Matrix, [Double], Bool, NoInterceptResult)] = [
      (z, d, false, golden.data_b_no_intercept), (m, x, false, golden.ab_raw_no_intercept),
      (m, x, true, golden.ab_raw_with_intercept),
    ]
    for (design, response, intercept, expected) in cases {
      let fit = try RigorousLasso(options: RigorousLassoOptions(fitIntercept: intercept)).fit(design, response)
      #expect(fit.selectedColumns == expected.selected.map { $0 - 1 })
      #expect(fit.iterations == expected.iter)
      expectClose(fit.lambda0, expected.lambda0, rtol: 1e-13)
      expectClose(fit.coefficients, expected.beta, rtol: 1e-10, atol: 1e-12)
      expectClose(fit.lambdas, expected.lambda, rtol: 1e-10)
      expectClose(fit.loadings, expected.loadings, rtol: 1e-10)
      expectClose(fit.residualStandardDeviation, expected.sigma, rtol: 1e-10)
      if !intercept { #expect(fit.intercept == 0) }
    }
  }
}
