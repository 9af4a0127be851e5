import LinearAlgebra
import TestSupport
import Testing

@Suite struct SingularValueDecompositionTests {
  func expectValid(_ a: Matrix, _ svd: SingularValueDecomposition) {
    let k = min(a.rows, a.columns)
    #expect(svd.u.rows == a.rows && svd.u.columns == k)
    #expect(svd.v.rows == a.columns && svd.v.columns == k)
    var us = svd.u
    for j in 0..<k {
      for i in 0..<a.rows { us[i, j] *= svd.singularValues[j] }
    }
    let scale = max(svd.singularValues.first ?? 1, 1e-300)
    #expect(maxAbsDifference(naiveProduct(us, svd.v.transposed()), a) / scale < 1e-13)
    #expect(maxAbsDifference(svd.u.gram(), Matrix.identity(k)) < 1e-12)
    #expect(maxAbsDifference(svd.v.gram(), Matrix.identity(k)) < 1e-12)
    #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(svd.singularValues.allSatisfy { $0 >= 0 })
  }

  @Test func knownSingularValues() {
    // [[3, 2, 2], [2, 3, −2]] has singular values 5 and 3.
    let a = Matrix(rows: [[3, 2, 2], [2, 3, -2]])
    let svd = SingularValueDecomposition(a)
    expectClose(svd.singularValues, [5, 3], rtol: 1e-14)
    expectValid(a, svd)
    let diagonal = SingularValueDecomposition(Matrix(rows: [[0, 0], [0, -4], [0, 0]]))
    expectClose(diagonal.singularValues, [4, 0], rtol: 1e-15)
    expectValid(Matrix(rows: [[0, 0], [0, -4], [0, 0]]), diagonal)
  }

  @Test(arguments: [(6, 6), (40, 7), (7, 40), (300, 12)])
  func randomReconstruction(m: Int, n: Int) {
    let a = randomMatrix(rows: m, columns: n, seed: UInt64(m + 100 * n))
    let svd = SingularValueDecomposition(a)
    expectValid(a, svd)
    #expect(svd.rank() == min(m, n))
    // Σσ² equals the squared Frobenius norm.
    expectClose(Vector.sumOfSquares(svd.singularValues), Vector.sumOfSquares(a.columnMajorValues), rtol: 1e-12)
  }

  @Test func rankDeficient() {
    let b = randomMatrix(rows: 30, columns: 3, seed: 5)
    let c = randomMatrix(rows: 3, columns: 6, seed: 6)
    let a = naiveProduct(b, c)  // rank 3
    let svd = SingularValueDecomposition(a)
    #expect(svd.rank() == 3)
    #expect(svd.singularValues[3] < 1e-14 * svd.singularValues[0])
    expectValid(a, svd)
    #expect(svd.rank(relativeTolerance: 0.9) == 1)
    #expect(SingularValueDecomposition(Matrix(rows: 3, columns: 2)).rank() == 0)
  }
}
