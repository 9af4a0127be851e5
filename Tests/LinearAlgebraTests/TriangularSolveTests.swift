import LinearAlgebra
import TestSupport
import Testing

@Suite struct TriangularSolveTests {
  let upper = Matrix(rows: [[2, 1, -1], [0, 3, 2], [0, 0, 4]])

  @Test func upperSolve() throws {
    let x: [Double] = [1, -2, 3]
    let b = upper.multiplied(by: x)
    expectClose(try TriangularSolve.upper(upper, b), x, rtol: 1e-15, atol: 1e-15)
  }

  @Test func lowerSolve() throws {
    let lower = upper.transposed()
    let x: [Double] = [0.5, 4, -1]
    expectClose(try TriangularSolve.lower(lower, lower.multiplied(by: x)), x, rtol: 1e-15, atol: 1e-15)
  }

  @Test func upperTransposedSolve() throws {
    let x: [Double] = [3, 1, -7]
    let b = upper.transposed().multiplied(by: x)
    expectClose(try TriangularSolve.upperTransposed(upper, b), x, rtol: 1e-15, atol: 1e-15)
  }

  @Test func onlyTheRelevantTriangleIsRead() throws {
    var noisy = upper
    noisy[2, 0] = 100
    noisy[1, 0] = -50
    let b: [Double] = [1, 2, 3]
    #expect(try TriangularSolve.upper(noisy, b) == TriangularSolve.upper(upper, b))
  }

  @Test func largeRandomSystem() throws {
    let n = 60
    var r = randomMatrix(rows: n, columns: n, seed: 3)
    for j in 0..<n {
      for i in (j + 1)..<n { r[i, j] = 0 }
      r[j, j] += r[j, j] >= 0 ? 2 : -2
    }
    let x = randomVector(n, seed: 4)
    expectClose(try TriangularSolve.upper(r, naiveProduct(r, Matrix(columns: [x])).column(0)), x, rtol: 1e-12, atol: 1e-13)
    expectClose(
      try TriangularSolve.upperTransposed(r, naiveProduct(r.transposed(), Matrix(columns: [x])).column(0)), x,
      rtol: 1e-12, atol: 1e-13)
  }

  @Test func zeroDiagonalThrows() {
    var singular = upper
    singular[1, 1] = 0
    #expect(throws: LinearAlgebraError.zeroDiagonal(index: 1)) { try TriangularSolve.upper(singular, [1, 1, 1]) }
    #expect(throws: LinearAlgebraError.zeroDiagonal(index: 1)) {
      try TriangularSolve.lower(singular.transposed(), [1, 1, 1])
    }
    #expect(throws: LinearAlgebraError.zeroDiagonal(index: 1)) {
      try TriangularSolve.upperTransposed(singular, [1, 1, 1])
    }
  }
}
