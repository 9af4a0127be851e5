import LinearAlgebra
import Penalized
import TestSupport
import Testing

/// Bad input throws a `PenalizedError` naming the problem; nothing traps.
@Suite("Penalized errors")
struct PenalizedErrorTests {
  static let x = Matrix(columns: [[1, 2, 3, 4], [0, 1, 0, 2]])
  static let y: [Double] = [1, 3, 2, 5]

  @Test func mismatchedSizes() {
    #expect(throws: PenalizedError.mismatchedSizes(what: "y", expected: 4, found: 3)) {
      try Lasso().fit(Self.x, [1, 2, 3])
    }
    #expect(throws: PenalizedError.mismatchedSizes(what: "y", expected: 4, found: 5)) {
      try GlmnetLasso().fit(Self.x, [1, 2, 3, 4, 5])
    }
    #expect(throws: PenalizedError.mismatchedSizes(what: "y", expected: 4, found: 2)) {
      try lassoPath(Self.x, [1, 2])
    }
    #expect(throws: PenalizedError.mismatchedSizes(what: "penaltyFactors", expected: 2, found: 3)) {
      try GlmnetLasso(options: GlmnetOptions(penaltyFactors: [1, 1, 1])).fit(Self.x, Self.y)
    }
    #expect(throws: PenalizedError.mismatchedSizes(what: "shift", expected: 2, found: 1)) {
      try GramStatistics(x: Self.x, y: Self.y, shift: [0], responseShift: 0)
    }
  }

  @Test func emptyData() {
    #expect(throws: PenalizedError.noObservations) { try Lasso().fit(Matrix(rows: 0, columns: 2), []) }
    #expect(throws: PenalizedError.noObservations) { try GlmnetLasso().fit(Matrix(rows: 0, columns: 3), []) }
  }

  @Test func nonFiniteValues() {
    var bad = Self.x
    bad[2, 1] = .nan
    #expect(throws: PenalizedError.self) { try Lasso().fit(bad, Self.y) }
    do {
      _ = try GlmnetLasso().fit(bad, Self.y)
      Issue.record("no error")
    } catch let error as PenalizedError {
      guard case .nonFiniteValue(let variable, let row, let value) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(variable == "column 2 of x" && row == 3 && value.isNaN)
      #expect(error.description.hasPrefix("column 2 of x holds the non-finite value nan in row 3"))
    } catch {
      Issue.record("\(error)")
    }
    #expect(throws: PenalizedError.nonFiniteValue(variable: "y", row: 2, value: .infinity)) {
      try Lasso().fit(Self.x, [1, .infinity, 2, 5])
    }
  }

  @Test func invalidLassoOptions() {
    #expect(throws: PenalizedError.invalidParameter(name: "alpha", value: "-0.1", requirement: "a finite number ≥ 0")) {
      try Lasso(alpha: -0.1).fit(Self.x, Self.y)
    }
    #expect(throws: PenalizedError.self) { try Lasso(alpha: .nan).fit(Self.x, Self.y) }
    #expect(throws: PenalizedError.self) { try Lasso(alpha: .infinity).fit(Self.x, Self.y) }
    #expect(throws: PenalizedError.self) { try Lasso(tolerance: -1).fit(Self.x, Self.y) }
    #expect(throws: PenalizedError.self) { try Lasso(maxIterations: 0).fit(Self.x, Self.y) }
    #expect(throws: PenalizedError.self) { try lassoPath(Self.x, Self.y, alphas: .values([0.1, -1])) }
    #expect(throws: PenalizedError.self) { try lassoPath(Self.x, Self.y, alphas: .values([])) }
    #expect(throws: PenalizedError.self) { try lassoPath(Self.x, Self.y, alphas: .automatic(count: 0)) }
    #expect(throws: PenalizedError.self) { try lassoPath(Self.x, Self.y, alphas: .automatic(ratio: 0)) }
  }

  @Test func invalidGlmnetOptions() {
    let invalid: [GlmnetOptions] = [
      GlmnetOptions(lambdaCount: 0),
      GlmnetOptions(lambdaMinRatio: 1),
      GlmnetOptions(lambdaMinRatio: -0.1),
      GlmnetOptions(lambdas: [0.1, -0.2]),
      GlmnetOptions(lambdas: []),
      GlmnetOptions(penaltyFactors: [1, -1]),
      GlmnetOptions(penaltyFactors: [.nan, 1]),
      GlmnetOptions(penaltyFactors: [0, 0]),
      GlmnetOptions(excludedColumns: [2]),
      GlmnetOptions(excludedColumns: [-1]),
      GlmnetOptions(threshold: 0),
      GlmnetOptions(maxPasses: 0),
      GlmnetOptions(maxNonzero: -1),
      GlmnetOptions(minimumDevianceChange: -1),
    ]
    for options in invalid {
      #expect(throws: PenalizedError.self, "\(options)") { try GlmnetLasso(options: options).fit(Self.x, Self.y) }
    }
    #expect(throws: PenalizedError.indexOutOfRange(what: "excluded column", index: 2, count: 2)) {
      try GlmnetLasso(options: GlmnetOptions(excludedColumns: [2])).fit(Self.x, Self.y)
    }
  }

  @Test func degenerateGlmnetProblems() {
    #expect(throws: PenalizedError.constantResponse) { try GlmnetLasso().fit(Self.x, [2, 2, 2, 2]) }
    let constant = Matrix(columns: [[1, 1, 1, 1], [0, 0, 0, 0]])
    #expect(throws: PenalizedError.noUsableColumns) { try GlmnetLasso().fit(constant, Self.y) }
    #expect(throws: PenalizedError.noUsableColumns) {
      try GlmnetLasso(options: GlmnetOptions(excludedColumns: [0, 1])).fit(Self.x, Self.y)
    }
  }

  @Test func degenerateScikitLearnProblemsAreFine() throws {
    // scikit-learn accepts a constant y and constant columns: every coefficient is 0.
    let constantY = try Lasso(alpha: 0.1).fit(Self.x, [2, 2, 2, 2])
    #expect(constantY.coefficients == [0, 0] && constantY.intercept == 2)
    let constantX = try Lasso(alpha: 0.1).fit(Matrix(columns: [[1, 1, 1, 1], [0, 0, 0, 0]]), Self.y)
    #expect(constantX.coefficients == [0, 0])
    expectClose(constantX.intercept, 2.75, rtol: 1e-15)
  }

  @Test func badRowsAndColumnsForStatisticsAndPredictions() throws {
    let statistics = try GramStatistics(x: Self.x, y: Self.y)
    #expect(throws: PenalizedError.indexOutOfRange(what: "row", index: 4, count: 4)) {
      try statistics.removingRows([4], of: Self.x, y: Self.y)
    }
    #expect(throws: PenalizedError.self) { try statistics.removingRows([1, 1], of: Self.x, y: Self.y) }
    #expect(throws: PenalizedError.self) { try statistics.removingRows([], of: Self.x, y: Self.y) }
    #expect(throws: PenalizedError.self) { try statistics.removingRows([0, 1, 2, 3], of: Self.x, y: Self.y) }
    let fit = try Lasso(alpha: 0.1).fit(Self.x, Self.y)
    #expect(throws: PenalizedError.mismatchedSizes(what: "x columns", expected: 2, found: 1)) {
      try fit.predict(Matrix(columns: [[1, 2]]))
    }
    let path = try GlmnetLasso().fit(Self.x, Self.y)
    #expect(throws: PenalizedError.self) { try path.predict(Matrix(columns: [[1, 2]]), at: 0.1) }
  }

  @Test func messagesNameTheProblem() {
    #expect(
      PenalizedError.invalidParameter(name: "alpha", value: "-1.0", requirement: "a finite number ≥ 0").description
        == "alpha = -1.0 is invalid: it must be a finite number ≥ 0")
    #expect(
      PenalizedError.mismatchedSizes(what: "y", expected: 4, found: 3).description == "y has 3 values; 4 are needed")
    #expect(PenalizedError.indexOutOfRange(what: "row", index: 9, count: 4).description.contains("9"))
  }
}

extension PenalizedErrorTests {
  @Test func overflowingSumsOfSquares() {
    let huge = Matrix(columns: [[1e200, -1e200, 3e200, 0], [0, 1, 0, 2]])
    #expect(throws: PenalizedError.overflow) { try Lasso().fit(huge, Self.y) }
    #expect(throws: PenalizedError.overflow) { try GlmnetLasso().fit(huge, Self.y) }
  }

  @Test func interpolationNeverTraps() throws {
    let path = try GlmnetLasso().fit(Self.x, Self.y)
    #expect(path.coefficients(at: .nan).coefficients.allSatisfy { $0.isNaN })
    #expect(path.coefficients(at: .infinity).coefficients == path.coefficients[0])
    #expect(path.coefficients(at: -.infinity).coefficients == path.coefficients[path.lambdas.count - 1])
    let flat = try GlmnetLasso(options: GlmnetOptions(lambdas: [0.1, 0.1])).fit(Self.x, Self.y)
    #expect(flat.coefficients(at: 0.05).coefficients == flat.coefficients[0])
  }
}
