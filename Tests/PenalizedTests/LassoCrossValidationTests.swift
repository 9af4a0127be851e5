import Foundation
import LinearAlgebra
import Penalized
import TestSupport
import Testing

/// `Fixtures/reference/lasso_cv/lassocv_sklearn.json` (scikit-learn 1.9.1).
struct LassoCVGoldens: Decodable {
  struct Run: Decodable {
    let alphas: [Double]
    let mse_path: [[Double]]
    let mean_mse: [Double]
    let alpha: Double
    let index: Int
    let coef: [Double]
    let intercept: Double
    let nonzero: [Int]
    let n_iter: Int
    let dual_gap: Double
  }
  struct DataA: Decodable {
    let predefined_tight: Run
    let predefined_default_tol: Run
    let kfold5_tight: Run
  }
  struct AB: Decodable {
    let partialled_tight: Run
  }
  let data_a: DataA
  let ab_tests_iv: AB

  static func load() throws -> LassoCVGoldens {
    try JSONDecoder().decode(
      LassoCVGoldens.self, from: Data(contentsOf: Fixtures.url("reference/lasso_cv/lassocv_sklearn.json")))
  }
}

/// `LassoCrossValidation` against scikit-learn's `LassoCV`.
///
/// The solver repeats scikit-learn's epochs and stopping rule, so even the default
/// `tol = 1e-4` run (whose CV curve depends on where the iterations stop) is reproduced
/// to rounding: grid at 1e-13, `mse_path` and the mean at 1e-12 relative, the refit's
/// coefficients at 1e-12 absolute, `n_iter_`, `alpha_`'s index and the selected set
/// exactly.
@Suite("LassoCV")
struct LassoCrossValidationTests {
  static let goldens: LassoCVGoldens? = try? LassoCVGoldens.load()

  func check(_ cv: LassoCrossValidatedPath, _ run: LassoCVGoldens.Run, _ label: String) {
    expectClose(cv.alphas, run.alphas, rtol: 1e-13, "\(label) alphas")
    #expect(cv.foldErrors.count == run.mse_path.count)
    for (l, (ours, theirs)) in zip(cv.foldErrors, run.mse_path).enumerated() {
      expectClose(ours, theirs, rtol: 1e-12, "\(label) mse_path[\(l)]")
    }
    expectClose(cv.meanErrors, run.mean_mse, rtol: 1e-12, "\(label) mean mse")
    #expect(cv.index == run.index, "\(label): index")
    expectClose(cv.alpha, run.alpha, rtol: 1e-13, "\(label) alpha_")
    expectClose(cv.coefficients, run.coef, rtol: 0, atol: 1e-12, "\(label) coef_")
    expectClose(cv.intercept, run.intercept, rtol: 0, atol: 1e-10, "\(label) intercept_")
    #expect(cv.selectedColumns == run.nonzero.map { $0 - 1 }, "\(label): selected")
    #expect(cv.fit.iterations == run.n_iter, "\(label): n_iter_")
  }

  @Test func predefinedFoldsTight() throws {
    let g = try #require(Self.goldens)
    let (x, y, folds) = CrossValidationData.a()
    let cv = try LassoCrossValidation(tolerance: 1e-12, maxIterations: 1_000_000).fit(x, y, foldIDs: folds)
    check(cv, g.data_a.predefined_tight, "A predefined tol 1e-12")
  }

  @Test func predefinedFoldsDefaultTolerance() throws {
    let g = try #require(Self.goldens)
    let (x, y, folds) = CrossValidationData.a()
    let cv = try LassoCrossValidation().fit(x, y, foldIDs: folds)
    check(cv, g.data_a.predefined_default_tol, "A predefined tol 1e-4")
  }

  @Test func contiguousKFoldTight() throws {
    let g = try #require(Self.goldens)
    let (x, y, _) = CrossValidationData.a()
    let cv = try LassoCrossValidation(tolerance: 1e-12, maxIterations: 1_000_000).fit(x, y, folds: 5)
    check(cv, g.data_a.kfold5_tight, "A KFold(5) tol 1e-12")
    #expect(cv.foldIDs == (0..<200).map { $0 / 40 + 1 })
  }

  @Test func abTestsPartialledTight() throws {
    let g = try #require(Self.goldens)
    let (x, y, folds, _) = try CrossValidationData.abVariant("ab_tests_iv", "partialled")
    let cv = try LassoCrossValidation(tolerance: 1e-12, maxIterations: 1_000_000).fit(x, y, foldIDs: folds)
    // R's and numpy's QR residuals differ by rounding; the intercept is ~1e-16 either way.
    check(cv, g.ab_tests_iv.partialled_tight, "A/B partialled tol 1e-12")
  }

  @Test func contiguousFoldsPutTheRemainderFirst() throws {
    let (x, y) = try #require(DataSetA.variant("A_first_15_rows"))
    let cv = try LassoCrossValidation().fit(x, y, folds: 4)
    #expect(cv.foldIDs == [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4])
  }

  @Test func badInputsThrowTypedErrors() throws {
    let (x, y, folds) = CrossValidationData.a()
    let cv = LassoCrossValidation()
    #expect(throws: PenalizedError.self) { try cv.fit(x, y, foldIDs: [Int](repeating: 3, count: 200)) }
    #expect(throws: PenalizedError.self) { try cv.fit(x, y, foldIDs: Array(folds.dropLast())) }
    #expect(throws: PenalizedError.self) { try cv.fit(x, Array(y.dropLast()), foldIDs: folds) }
    #expect(throws: PenalizedError.self) { try cv.fit(x, y, folds: 1) }
    #expect(throws: PenalizedError.self) { try cv.fit(x, y, folds: 201) }
    var yNaN = y
    yNaN[0] = .nan
    #expect(throws: PenalizedError.self) { try cv.fit(x, yNaN, foldIDs: folds) }
    #expect(throws: PenalizedError.self) { try LassoCrossValidation(alphaCount: 0).fit(x, y, foldIDs: folds) }
    #expect(throws: PenalizedError.self) { try LassoCrossValidation(alphas: []).fit(x, y, foldIDs: folds) }
    #expect(throws: PenalizedError.self) { try LassoCrossValidation(alphas: [0.1, -1]).fit(x, y, foldIDs: folds) }
    #expect(throws: PenalizedError.self) { try LassoCrossValidation(tolerance: .nan).fit(x, y, foldIDs: folds) }
    // A constant y is not an error for scikit-learn: every coefficient is 0.
    let flat = try cv.fit(x, [Double](repeating: 4, count: 200), foldIDs: folds)
    #expect(flat.coefficients.allSatisfy { $0 == 0 })
    #expect(flat.intercept == 4)
  }
}
