import LinearAlgebra
import TestSupport
import Testing

@Suite struct SymmetricEigenDecompositionTests {
  /// `A·vᵢ = λᵢ·vᵢ`, orthonormal eigenvectors and ascending eigenvalues.
  func expectValid(_ a: Matrix, _ e: SymmetricEigenDecomposition, tolerance: Double = 1e-12) {
    let n = a.rows
    let scale = max(maxAbs(a.columnMajorValues), 1)
    for i in 0..<n {
      let v = e.eigenvectors.column(i)
      let av = a.multiplied(by: v)
      #expect(maxAbs(Vector.subtracting(av, v.map { $0 * e.eigenvalues[i] })) / scale < tolerance, "pair \(i)")
    }
    #expect(maxAbsDifference(e.eigenvectors.gram(), Matrix.identity(n)) < 1e-13)
    #expect(zip(e.eigenvalues, e.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 })
  }

  @Test func known2x2() {
    let a = Matrix(rows: [[2, 1], [1, 2]])
    let e = SymmetricEigenDecomposition(a)
    expectClose(e.eigenvalues, [1, 3], rtol: 1e-15)
    expectValid(a, e)
    let swap = SymmetricEigenDecomposition(Matrix(rows: [[0, 1], [1, 0]]))
    expectClose(swap.eigenvalues, [-1, 1], rtol: 1e-15)
  }

  @Test func known3x3() {
    // Eigenvalues 2 − √2, 2, 2 + √2 (the 1-D discrete Laplacian).
    let a = Matrix(rows: [[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
    let e = SymmetricEigenDecomposition(a)
    expectClose(e.eigenvalues, [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()], rtol: 1e-14)
    expectValid(a, e)
  }

  @Test func diagonalIsSortedAscending() {
    let e = SymmetricEigenDecomposition(Matrix(rows: [[3, 0, 0], [0, -1, 0], [0, 0, 2]]))
    #expect(e.eigenvalues == [-1, 2, 3])
    #expect(e.eigenvectors == Matrix(rows: [[0, 0, 1], [1, 0, 0], [0, 1, 0]]))
  }

  @Test func repeatedEigenvalues() {
    // J − I for the 4×4 all-ones J: eigenvalues −1 (three times) and 3.
    let n = 4
    let a = Matrix(rows: n, columns: n, repeating: 1) - Matrix.identity(n)
    let e = SymmetricEigenDecomposition(a)
    expectClose(e.eigenvalues, [-1, -1, -1, 3], rtol: 1e-14)
    expectValid(a, e)
  }

  @Test(arguments: [5, 20, 60])
  func randomSymmetric(n: Int) {
    let b = randomMatrix(rows: n, columns: n, seed: UInt64(n))
    let a = (b + b.transposed()).symmetrized()
    let e = SymmetricEigenDecomposition(a)
    expectValid(a, e, tolerance: 1e-12)
    // Trace is the sum of eigenvalues.
    expectClose(Vector.sum(e.eigenvalues), Vector.sum(a.diagonal), rtol: 1e-12, atol: 1e-12)
  }

  @Test func smallEigenvaluesOfGradedMatrixAreAccurate() {
    // A graded matrix whose smallest eigenvalue (≈ 9.9e-17, from 50-digit arithmetic) is far
    // below ε·‖A‖; Jacobi still gets it to high relative accuracy.
    let a = Matrix(rows: [[1, 1e-9, 0], [1e-9, 1e-8, 1e-13], [0, 1e-13, 1e-16]])
    let e = SymmetricEigenDecomposition(a)
    expectValid(a, e, tolerance: 1e-15)
    expectClose(e.eigenvalues[0], 9.8999999989999999901e-17, rtol: 1e-12)
  }
}
