import LinearAlgebra
import Penalized
import TestSupport
import Testing

/// `GlmnetCrossValidation` against R's `cv.glmnet` (glmnet 4.1-6,
/// `Fixtures/reference/lasso_cv/cv_glmnet_{a,b,ab}.json`, explicit `foldid`).
///
/// Every fit repeats glmnet's sweeps, so each run is compared with the R run at the same
/// `thresh`, at rounding level: the λ grids at 1e-10 relative, `cvm`/`cvsd` at 1e-12
/// relative (observed ≤ 3e-14), the coefficients at 1e-10 absolute, path lengths,
/// `npasses`, indices and selected sets exactly. The fold statistics come from
/// subtracted sums (not R's row subsets), which is the only source of difference.
@Suite("cv.glmnet")
struct GlmnetCrossValidationTests {
  static let runKeys = [
    "A/cv/default_thresh", "A/cv/thresh_1e_12",
    "B/strong/default_thresh", "B/strong/thresh_1e_12", "B/weak/default_thresh", "B/weak/thresh_1e_12",
    "ab_tests_iv/partialled/default_thresh", "ab_tests_iv/partialled/thresh_1e_12",
    "ab_tests_iv/penalty_factor/default_thresh", "ab_tests_iv/penalty_factor/thresh_1e_12",
    "ab_tests_null/partialled/default_thresh", "ab_tests_null/partialled/thresh_1e_12",
    "ab_tests_null/penalty_factor/default_thresh", "ab_tests_null/penalty_factor/thresh_1e_12",
  ]

  @Test("matches cv.glmnet", arguments: runKeys)
  func matchesCvGlmnet(key: String) throws {
    let run = try #require(try CVGlmnetGoldens.run(key))
    let (x, y, folds, factors) = try #require(try CVGlmnetGoldens.data(key))
    #expect(x.rows == run.n && x.columns == run.p)
    let options = GlmnetOptions(penaltyFactors: factors, threshold: run.thresh)
    let cv = try GlmnetCrossValidation(options: options).fit(x, y, foldIDs: folds)

    #expect(cv.lambdas.count == run.lambda.count, "\(key): path length")
    expectClose(cv.lambdas, run.lambda, rtol: 1e-10, "\(key) lambda")
    expectClose(cv.meanErrors, run.cvm, rtol: 1e-12, "\(key) cvm")
    expectClose(cv.standardErrors, run.cvsd, rtol: 1e-12, "\(key) cvsd")
    #expect(cv.nonzeroCounts == run.nzero, "\(key): nzero")
    #expect(cv.path.passes == run.full_fit.npasses, "\(key): npasses")
    #expect(cv.indexMin == run.index_min - 1, "\(key): index min")
    #expect(cv.indexOneStandardError == run.index_1se - 1, "\(key): index 1se")
    expectClose(cv.lambdaMin, run.lambda_min, rtol: 1e-10, "\(key) lambda.min")
    expectClose(cv.lambdaOneStandardError, run.lambda_1se, rtol: 1e-10, "\(key) lambda.1se")
    expectClose(cv.lambda(.minimum), run.lambda_min, rtol: 1e-10, "\(key) lambda(.minimum)")
    #expect(cv.selectedColumns(.minimum) == run.nonzero_min.map { $0 - 1 }, "\(key): selected at min")
    #expect(cv.selectedColumns(.oneStandardError) == run.nonzero_1se.map { $0 - 1 }, "\(key): selected at 1se")
    expectClose(cv.intercept(.minimum), run.coef_min[0], rtol: 0, atol: 1e-10, "\(key) intercept min")
    expectClose(cv.coefficients(.minimum), Array(run.coef_min.dropFirst()), rtol: 0, atol: 1e-10, "\(key) coef min")
    expectClose(cv.intercept(.oneStandardError), run.coef_1se[0], rtol: 0, atol: 1e-10, "\(key) intercept 1se")
    expectClose(
      cv.coefficients(.oneStandardError), Array(run.coef_1se.dropFirst()), rtol: 0, atol: 1e-10, "\(key) coef 1se")
    #expect(cv.foldPaths.map(\.lambdas.count) == run.fold_fits.map(\.path_length), "\(key): fold path lengths")
    expectClose(
      cv.foldPaths.map { $0.lambdas[0] }, run.fold_fits.map(\.lambda_max), rtol: 1e-10, "\(key) fold λ_max")
    #expect(cv.foldIDs == folds)

  }

  @Test func sharedGridMatchesCvGlmnetWithLambda() throws {
    let golden = try CVGlmnetGoldens.load("cv_glmnet_a.json", as: CVGlmnetGoldens.A.self)
    let (x, y, folds) = CrossValidationData.a()
    let options = GlmnetOptions(lambdas: golden.cv.default_thresh.lambda)
    let cv = try GlmnetCrossValidation(options: options).fit(x, y, foldIDs: folds)
    expectClose(cv.lambdas, golden.cv.default_thresh.lambda, rtol: 1e-15, "user λ")
    expectClose(cv.meanErrors, golden.cv_shared_grid.cvm, rtol: 1e-12, "cvm, shared grid")
    expectClose(cv.standardErrors, golden.cv_shared_grid.cvsd, rtol: 1e-12, "cvsd, shared grid")
    expectClose(cv.lambdaMin, golden.cv_shared_grid.lambda_min, rtol: 1e-15)
    expectClose(cv.lambdaOneStandardError, golden.cv_shared_grid.lambda_1se, rtol: 1e-15)
    for path in cv.foldPaths { expectClose(path.lambdas, cv.lambdas, rtol: 1e-15, "fold λ = user λ") }
  }

  @Test func nullDataOneStandardErrorSelectsNothing() throws {
    let (x, y, folds, _) = try CrossValidationData.abVariant("ab_tests_null", "partialled")
    let cv = try GlmnetCrossValidation().fit(x, y, foldIDs: folds)
    #expect(cv.indexOneStandardError == 0)
    #expect(cv.selectedColumns(.oneStandardError).isEmpty)
    #expect(cv.coefficients(.oneStandardError).allSatisfy { $0 == 0 })
    #expect(cv.selectedColumns(.minimum) == [0, 22, 39])
  }

  @Test func foldLabelsAreArbitraryIntegers() throws {
    let (x, y, folds) = CrossValidationData.a()
    let reference = try GlmnetCrossValidation().fit(x, y, foldIDs: folds)
    // Same partition, other labels in the same order: identical results.
    let relabelled = folds.map { $0 * 10 - 7 }
    let cv = try GlmnetCrossValidation().fit(x, y, foldIDs: relabelled)
    #expect(cv.meanErrors == reference.meanErrors)
    #expect(cv.foldIDs == relabelled)
  }

  @Test func seededFoldsAreBalancedAndReproducible() throws {
    let (x, y, _) = CrossValidationData.a()
    let first = try GlmnetCrossValidation().fit(x, y, folds: 7, seed: 42)
    let again = try GlmnetCrossValidation().fit(x, y, folds: 7, seed: 42)
    let other = try GlmnetCrossValidation().fit(x, y, folds: 7, seed: 43)
    #expect(first == again)
    #expect(first.foldIDs != other.foldIDs)
    let sizes = (1...7).map { k in first.foldIDs.filter { $0 == k }.count }
    #expect(sizes.max()! - sizes.min()! <= 1)
    #expect(sizes.reduce(0, +) == 200)
    // The seeded run is the explicit-fold run with the labels it reports.
    let explicit = try GlmnetCrossValidation().fit(x, y, foldIDs: first.foldIDs)
    #expect(explicit == first)
  }

  @Test func progressIsReportedOncePerFold() throws {
    final class Log: @unchecked Sendable {
      var calls: [(Int, Int)] = []
    }
    let log = Log()
    let (x, y, folds) = CrossValidationData.a()
    _ = try GlmnetCrossValidation().fit(x, y, foldIDs: folds) { done, total in log.calls.append((done, total)) }
    #expect(log.calls.map(\.0) == [1, 2, 3, 4, 5])
    #expect(log.calls.allSatisfy { $0.1 == 5 })
  }

  /// With fewer than 3 rows per fold cv.glmnet uses per-row errors: cvm is still the mean
  /// squared error, cvsd the standard error of the n squared errors.
  @Test func smallFoldsUseUngroupedErrors() throws {
    let (x, y) = try #require(DataSetA.variant("A_first_15_rows"))
    let folds = (0..<15).map { $0 % 6 + 1 }  // 15/6 < 3
    let cv = try GlmnetCrossValidation().fit(x, y, foldIDs: folds)
    let heldOut = (1...6).map { k in (0..<15).filter { folds[$0] == k } }
    for l in [0, cv.lambdas.count / 2, cv.lambdas.count - 1] {
      var errors = [Double](repeating: 0, count: 15)
      for (k, rows) in heldOut.enumerated() {
        let part = Matrix(rows: rows.map { x.row($0) })
        let predictions = try cv.foldPaths[k].predict(part, at: cv.lambdas[l])
        for (a, r) in rows.enumerated() { errors[r] = (y[r] - predictions[a]) * (y[r] - predictions[a]) }
      }
      let mean = errors.reduce(0, +) / 15
      let sd = (errors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 15 / 14).squareRoot()
      expectClose(cv.meanErrors[l], mean, rtol: 1e-12, "cvm[\(l)]")
      expectClose(cv.standardErrors[l], sd, rtol: 1e-12, "cvsd[\(l)]")
    }
  }

  /// A column that is constant on one fold's training rows is left out of that fold's fit,
  /// exactly as glmnet does on the training subset (the subtracted statistics alone could
  /// not tell it from a tiny variance).
  @Test func columnConstantOnATrainingFoldIsLeftOut() throws {
    var (x, y, folds) = CrossValidationData.a()
    // Column 3 varies only inside fold 2.
    x.setColumn(2, to: (0..<200).map { folds[$0] == 2 ? Double($0 % 3) : 1.5 })
    let cv = try GlmnetCrossValidation().fit(x, y, foldIDs: folds)
    let direct = try GlmnetLasso().fit(
      Matrix(rows: (0..<200).filter { folds[$0] != 2 }.map { x.row($0) }),
      (0..<200).filter { folds[$0] != 2 }.map { y[$0] })
    #expect(cv.foldPaths[1].lambdas.count == direct.lambdas.count)
    expectClose(cv.foldPaths[1].lambdas, direct.lambdas, rtol: 1e-12, "fold 2 λ")
    #expect(cv.foldPaths[1].coefficients.allSatisfy { $0[2] == 0 })
  }

  // MARK: - Errors

  @Test func badInputsThrowTypedErrors() throws {
    let (x, y, folds) = CrossValidationData.a()
    let cv = GlmnetCrossValidation()
    #expect(throws: PenalizedError.self) { try cv.fit(x, y, foldIDs: [Int](repeating: 1, count: 200)) }
    #expect(throws: PenalizedError.self) { try cv.fit(x, y, foldIDs: (0..<200).map { $0 % 2 }) }
    #expect(throws: PenalizedError.mismatchedSizes(what: "fold ids", expected: 200, found: 199)) {
      try cv.fit(x, y, foldIDs: Array(folds.dropLast()))
    }
    #expect(throws: PenalizedError.mismatchedSizes(what: "y", expected: 200, found: 199)) {
      try cv.fit(x, Array(y.dropLast()), foldIDs: folds)
    }
    var yNaN = y
    yNaN[17] = .nan
    let nanError = #expect(throws: PenalizedError.self) { try cv.fit(x, yNaN, foldIDs: folds) }
    if case .nonFiniteValue(let variable, let row, let value) = nanError {
      #expect(variable == "y" && row == 18 && value.isNaN)
    } else {
      Issue.record("expected nonFiniteValue, got \(String(describing: nanError))")
    }
    var xInf = x
    xInf[3, 4] = -.infinity
    #expect(throws: PenalizedError.self) { try cv.fit(xInf, y, foldIDs: folds) }
    #expect(throws: PenalizedError.self) { try cv.fit(x, y, folds: 2, seed: 1) }
    #expect(throws: PenalizedError.self) { try cv.fit(x, y, folds: 201, seed: 1) }
    #expect(throws: PenalizedError.self) { try cv.fit(Matrix(rows: 0, columns: 3), [], foldIDs: []) }
    #expect(throws: PenalizedError.constantResponse) {
      try cv.fit(x, [Double](repeating: 2, count: 200), foldIDs: folds)
    }
    // y constant on fold 1's training rows only.
    let yFold = (0..<200).map { folds[$0] == 1 ? y[$0] : 1.0 }
    #expect(throws: PenalizedError.constantResponse) { try cv.fit(x, yFold, foldIDs: folds) }
    let badOptions = GlmnetCrossValidation(options: GlmnetOptions(penaltyFactors: [1, 2]))
    #expect(throws: PenalizedError.self) { try badOptions.fit(x, y, foldIDs: folds) }
    let allZero = GlmnetCrossValidation(options: GlmnetOptions(penaltyFactors: [Double](repeating: 0, count: 20)))
    #expect(throws: PenalizedError.self) { try allZero.fit(x, y, foldIDs: folds) }
  }
}
