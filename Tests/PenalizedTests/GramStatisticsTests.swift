import LinearAlgebra
import Penalized
import TestSupport
import Testing

/// Sufficient statistics: exactness, additivity over rows (cross-validation folds) and
/// fits from precomputed statistics.
@Suite("Gram statistics")
struct GramStatisticsTests {
  /// Rows `rows` of `x` as a matrix.
  func rows(_ rows: [Int], of x: Matrix) -> Matrix { Matrix(rows: rows.map { x.row($0) }) }

  @Test func centredMomentsMatchDirectSums() throws {
    let (x, y) = DataSetA.data
    let s = try GramStatistics(x: x, y: y)
    #expect(s.observations == 200 && s.columns == 20)
    let means = (0..<20).map { x.column($0).reduce(0, +) / 200 }
    expectClose(s.means, means, rtol: 1e-13, atol: 1e-15, "means")
    expectClose(s.responseMean, y.reduce(0, +) / 200, rtol: 1e-14)
    expectClose(s.responseSumOfSquares, 1155.9504915860132, rtol: 1e-13, "nulldev")
    for j in [0, 7, 19] {
      for k in [0, 3, 19] {
        let direct = (0..<200).reduce(0.0) { $0 + (x[$1, j] - means[j]) * (x[$1, k] - means[k]) }
        expectClose(s.crossProducts[j, k], direct, rtol: 1e-12, atol: 1e-12, "S[\(j), \(k)]")
      }
    }
  }

  @Test func constantColumnsHaveExactlyZeroStatistics() throws {
    let (x, y) = try #require(DataSetA.variant("A_constant_column_5"))
    let s = try GramStatistics(x: x, y: y)
    #expect(s.shift[4] == 2.5)
    #expect(s.columnSums[4] == 0)
    #expect((0..<20).allSatisfy { s.crossProducts[4, $0] == 0 })
  }

  @Test func removingAFoldEqualsTheStatisticsOfTheRest() throws {
    let (x, y) = DataSetA.data
    let all = try GramStatistics(x: x, y: y)
    let heldOut = Array(stride(from: 2, to: 200, by: 5))  // foldid 3 of the reference notes
    let kept = (0..<200).filter { !heldOut.contains($0) }
    let training = try all.removingRows(heldOut, of: x, y: y)
    let direct = try GramStatistics(
      x: rows(kept, of: x), y: kept.map { y[$0] }, shift: all.shift, responseShift: all.responseShift)
    #expect(training.observations == 160)
    expectClose(training.columnSums, direct.columnSums, rtol: 1e-10, atol: 1e-12, "sums")
    expectClose(
      training.crossProducts.columnMajorValues, direct.crossProducts.columnMajorValues, rtol: 1e-12, atol: 1e-12,
      "cross-products")
    expectClose(training.responseCrossProducts, direct.responseCrossProducts, rtol: 1e-12, atol: 1e-12, "Xy")
    expectClose(training.responseSumOfSquares, direct.responseSumOfSquares, rtol: 1e-12)
  }

  @Test func foldFitsFromStatisticsEqualFitsOnTheFoldsData() throws {
    let (x, y) = DataSetA.data
    let all = try GramStatistics(x: x, y: y)
    let heldOut = Array(stride(from: 0, to: 200, by: 5))
    let kept = (0..<200).filter { !heldOut.contains($0) }
    let training = try all.removingRows(heldOut, of: x, y: y)
    let xk = rows(kept, of: x), yk = kept.map { y[$0] }

    for intercept in [true, false] {
      let lasso = Lasso(alpha: 0.05, fitIntercept: intercept, tolerance: 1e-12)
      let fromStatistics = try lasso.fit(training), fromData = try lasso.fit(xk, yk)
      expectClose(fromStatistics.coefficients, fromData.coefficients, rtol: 1e-9, atol: 1e-12, "lasso")
      expectClose(fromStatistics.intercept, fromData.intercept, rtol: 1e-12, atol: 1e-12)
    }
    let glmnetFromStatistics = try GlmnetLasso().fit(training), glmnetFromData = try GlmnetLasso().fit(xk, yk)
    #expect(glmnetFromStatistics.lambdas.count == glmnetFromData.lambdas.count)
    #expect(glmnetFromStatistics.passes == glmnetFromData.passes)
    expectClose(glmnetFromStatistics.lambdas, glmnetFromData.lambdas, rtol: 1e-12, "fold λ")
    for k in 0..<glmnetFromData.lambdas.count {
      expectClose(glmnetFromStatistics.coefficients[k], glmnetFromData.coefficients[k], rtol: 0, atol: 1e-10)
    }
    let pathFromStatistics = try lassoPath(training, fitIntercept: true, tolerance: 1e-10)
    let pathFromData = try lassoPath(xk, yk, fitIntercept: true, tolerance: 1e-10)
    expectClose(pathFromStatistics.alphas, pathFromData.alphas, rtol: 1e-12)
    expectClose(pathFromStatistics.coefficients[60], pathFromData.coefficients[60], rtol: 1e-9, atol: 1e-12)
  }

  @Test func columnConstantWithinAFoldIsRecognisedAfterSubtraction() throws {
    // Column 3 is 1 on the held-out rows and 4 elsewhere: constant on the training rows,
    // though its statistics come from a subtraction (rounding residues, not exact zeros).
    var (x, y) = DataSetA.data
    let heldOut = Array(0..<40)
    x.setColumn(2, to: (0..<200).map { $0 < 40 ? 1 : 4 })
    let training = try GramStatistics(x: x, y: y).removingRows(heldOut, of: x, y: y)
    #expect(try Lasso(alpha: 0.05).fit(training).coefficients[2] == 0)
    #expect(try GlmnetLasso().fit(training).coefficients.allSatisfy { $0[2] == 0 })
  }

  @Test func sharedShiftIsRequiredToSubtract() throws {
    let (x, y) = DataSetA.data
    let all = try GramStatistics(x: x, y: y)
    let part = try GramStatistics(x: rows([0, 1, 2], of: x), y: [y[0], y[1], y[2]])
    #expect(throws: PenalizedError.self) { try all.subtracting(part) }
    #expect(throws: PenalizedError.incompatibleStatistics("removing 200 of 200 rows leaves none")) {
      try all.subtracting(all)
    }
  }
}

extension GramStatisticsTests {
  @Test func precomputedGramAndCrossProductsGiveTheSameFits() throws {
    // XᵀX, Xᵀy, Xᵀ1, Σy, yᵀy accumulated about zero (as another program might hand them over).
    let (x, y) = DataSetA.data
    let gram = x.gram()
    let statistics = try GramStatistics(
      observations: 200, shift: [Double](repeating: 0, count: 20), responseShift: 0,
      columnSums: (0..<20).map { x.column($0).reduce(0, +) }, responseSum: y.reduce(0, +), crossProducts: gram,
      responseCrossProducts: x.transposeMultiplied(by: y), responseSumOfSquares: y.reduce(0) { $0 + $1 * $1 })
    for intercept in [true, false] {
      let lasso = Lasso(alpha: 0.05, fitIntercept: intercept, tolerance: 1e-12)
      expectClose(
        try lasso.fit(statistics).coefficients, try lasso.fit(x, y).coefficients, rtol: 1e-9, atol: 1e-12,
        "intercept \(intercept)")
    }
    let path = try GlmnetLasso().fit(statistics), reference = try GlmnetLasso().fit(x, y)
    #expect(path.lambdas.count == reference.lambdas.count && path.passes == reference.passes)
    #expect(throws: PenalizedError.mismatchedSizes(what: "columnSums", expected: 20, found: 19)) {
      try GramStatistics(
        observations: 200, shift: [Double](repeating: 0, count: 20), responseShift: 0,
        columnSums: [Double](repeating: 0, count: 19), responseSum: 0, crossProducts: gram,
        responseCrossProducts: [Double](repeating: 0, count: 20), responseSumOfSquares: 1)
    }
    #expect(throws: PenalizedError.noObservations) {
      try GramStatistics(
        observations: 0, shift: [], responseShift: 0, columnSums: [], responseSum: 0,
        crossProducts: Matrix(rows: 0, columns: 0), responseCrossProducts: [], responseSumOfSquares: 0)
    }
  }
}
