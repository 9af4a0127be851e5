import LinearAlgebra
import TestSupport
import Testing

@Suite struct CholeskyDecompositionTests {
  @Test func knownFactor() throws {
    let a = Matrix(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
    let chol = try CholeskyDecomposition(a)
    #expect(chol.lower == Matrix(rows: [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))
  }

  @Test(arguments: [1, 2, 5, 12, 40])
  func solveAndInverse(n: Int) throws {
    let a = randomSPD(n, seed: UInt64(n))
    let chol = try CholeskyDecomposition(a)
    let l = chol.lower
    #expect(maxAbsDifference(naiveProduct(l, l.transposed()), a) / Double(n) < 1e-13)
    let x = randomVector(n, seed: 7)
    let b = a.multiplied(by: x)
    expectClose(chol.solve(b), x, rtol: 1e-11, atol: 1e-12)
    let bs = Matrix(columns: [b, x])
    let xs = chol.solve(bs)
    expectClose(xs.column(0), x, rtol: 1e-11, atol: 1e-12)
    let inverse = chol.inverse()
    #expect(inverse == inverse.transposed())
    #expect(maxAbsDifference(naiveProduct(a, inverse), Matrix.identity(n)) < 1e-12)
  }

  @Test func notPositiveDefiniteReportsPivot() {
    // Third pivots: 9 − (1 + 4) = 4 > 0 for `a`; 4 − (1 + 4) = −1 for `indefinite`.
    let a = Matrix(rows: [[1, 1, 1], [1, 2, 3], [1, 3, 9]])
    let indefinite = Matrix(rows: [[1, 1, 1], [1, 2, 3], [1, 3, 4]])
    #expect(throws: Never.self) { try CholeskyDecomposition(a) }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(pivot: 2)) { try CholeskyDecomposition(indefinite) }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(pivot: 0)) {
      try CholeskyDecomposition(Matrix(rows: [[-1, 0], [0, 1]]))
    }
    // Singular positive semidefinite.
    #expect(throws: LinearAlgebraError.notPositiveDefinite(pivot: 1)) {
      try CholeskyDecomposition(Matrix(rows: [[1, 1], [1, 1]]))
    }
    #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) {
      try CholeskyDecomposition(Matrix(rows: 2, columns: 3))
    }
  }
}
