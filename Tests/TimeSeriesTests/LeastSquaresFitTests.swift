import LinearAlgebra
import Regression
import TestSupport
import Testing
import TimeSeries

/// `LeastSquaresFit` from outside the Granger tests: bad input throws, never traps.
@Suite("LeastSquaresFit input checks")
struct LeastSquaresFitTests {
  @Test func documentedExample() throws {
    let fit = try LeastSquaresFit(y: [1.1, 1.9, 3.2, 3.9], x: Matrix(columns: [[1, 2, 3, 4], [1, 1, 1, 1]]))
    expectClose(fit.params, [0.97, 0.1], rtol: 1e-12)
    let f = try fit.fTest(restriction: Matrix(rows: [[1, 0]]))
    #expect(f.numeratorDegreesOfFreedom == 1)
  }

  @Test func badInputThrows() throws {
    let x = Matrix(columns: [[1, 2, 3, 4]])
    #expect(throws: ModelError.self) { try LeastSquaresFit(y: [1, 2, 3], x: x) }
    #expect(throws: ModelError.self) { try LeastSquaresFit(y: [], x: Matrix(rows: 0, columns: 1)) }
    #expect(throws: ModelError.nonFiniteValue(column: "y", row: 2, value: .infinity)) {
      try LeastSquaresFit(y: [1, .infinity, 3, 4], x: x)
    }
    #expect(throws: ModelError.self) { try LeastSquaresFit(y: [1, 2, 3, 4], x: Matrix(columns: [[1, .nan, 3, 4]])) }
    let fit = try LeastSquaresFit(y: [1, 3, 2, 5], x: x)
    #expect(throws: ModelError.self) { try fit.fTest(restriction: Matrix(rows: [[1, 0]])) }
    #expect(pearsonCorrelation([1, 2], [1, 2, 3]).isNaN)
    #expect(pearsonCorrelation([], []).isNaN)
  }
}
