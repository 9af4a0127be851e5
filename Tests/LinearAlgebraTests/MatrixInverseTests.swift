import LinearAlgebra
import TestSupport
import Testing

@Suite struct MatrixInverseTests {
  @Test func knownInverse() throws {
    let a = Matrix(rows: [[4, 7], [2, 6]])
    let inverse = try a.inverse()
    expectClose(inverse.columnMajorValues, [0.6, -0.2, -0.7, 0.4], rtol: 1e-15)
  }

  @Test(arguments: [1, 3, 10, 50])
  func randomInverse(n: Int) throws {
    let a = randomMatrix(rows: n, columns: n, seed: UInt64(n)) + Double(n) * Matrix.identity(n)
    let inverse = try a.inverse()
    #expect(maxAbsDifference(naiveProduct(a, inverse), Matrix.identity(n)) < 1e-12)
    #expect(maxAbsDifference(naiveProduct(inverse, a), Matrix.identity(n)) < 1e-12)
  }

  @Test func pivotingIsRequired() throws {
    // A zero in the (0, 0) position defeats elimination without row exchanges.
    let a = Matrix(rows: [[0, 1, 2], [1, 0, 3], [4, -3, 8]])
    let inverse = try a.inverse()
    #expect(maxAbsDifference(naiveProduct(a, inverse), Matrix.identity(3)) < 1e-14)
  }

  @Test func singularAndNonSquareThrow() {
    let singular = Matrix(rows: [[1, 2, 3], [2, 4, 6], [0, 0, 0]])
    #expect(throws: LinearAlgebraError.singular(rank: 1, size: 3)) { try singular.inverse() }
    #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) { try Matrix(rows: 2, columns: 3).inverse() }
    #expect(throws: LinearAlgebraError.notSquare(rows: 3, columns: 1)) {
      try Matrix(rows: 3, columns: 1).symmetricInverse()
    }
  }

  @Test func symmetricInverseOfPositiveDefiniteAndIndefinite() throws {
    let spd = randomSPD(8, seed: 3)
    let inverse = try spd.symmetricInverse()
    #expect(inverse == inverse.transposed())
    #expect(maxAbsDifference(naiveProduct(spd, inverse), Matrix.identity(8)) < 1e-13)
    let indefinite = Matrix(rows: [[1, 2], [2, 1]])  // eigenvalues 3 and −1: LU fallback
    let inverse2 = try indefinite.symmetricInverse()
    #expect(inverse2 == inverse2.transposed())
    expectClose(inverse2.columnMajorValues, [-1.0 / 3, 2.0 / 3, 2.0 / 3, -1.0 / 3], rtol: 1e-15)
    #expect(throws: LinearAlgebraError.singular(rank: 1, size: 2)) {
      try Matrix(rows: [[1, 1], [1, 1]]).symmetricInverse()
    }
  }

  @Test func pseudoInverseOfInvertibleMatrixIsTheInverse() throws {
    let a = randomMatrix(rows: 5, columns: 5, seed: 9) + 3 * Matrix.identity(5)
    #expect(maxAbsDifference(a.pseudoInverse(), try a.inverse()) < 1e-12)
  }

  @Test func pseudoInversePenroseConditionsOnRankDeficientMatrix() {
    let a = naiveProduct(randomMatrix(rows: 7, columns: 2, seed: 1), randomMatrix(rows: 2, columns: 4, seed: 2))
    let p = a.pseudoInverse()
    #expect(p.rows == 4 && p.columns == 7)
    let ap = naiveProduct(a, p), pa = naiveProduct(p, a)
    #expect(maxAbsDifference(naiveProduct(ap, a), a) < 1e-12)  // A·A⁺·A = A
    #expect(maxAbsDifference(naiveProduct(pa, p), p) < 1e-12)  // A⁺·A·A⁺ = A⁺
    #expect(maxAbsDifference(ap, ap.transposed()) < 1e-12)  // (A·A⁺)ᵀ = A·A⁺
    #expect(maxAbsDifference(pa, pa.transposed()) < 1e-12)  // (A⁺·A)ᵀ = A⁺·A
    // A tolerance above every singular value leaves the zero matrix.
    #expect(a.pseudoInverse(relativeTolerance: 2) == Matrix(rows: 4, columns: 7))
  }

  @Test func errorDescriptions() {
    #expect(LinearAlgebraError.singular(rank: 2, size: 3).description.contains("singular"))
    #expect(LinearAlgebraError.notPositiveDefinite(pivot: 4).description.contains("index 4"))
    #expect(LinearAlgebraError.notSquare(rows: 2, columns: 3).description.contains("2×3"))
    #expect(LinearAlgebraError.zeroDiagonal(index: 1).description.contains("index 1"))
  }
}
