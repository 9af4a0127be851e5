import LinearAlgebra
import TestSupport
import Testing

@Suite struct MatrixProductsTests {
  /// Shapes that hit the SIMD remainders, odd column counts and several row chunks.
  static let shapes: [(Int, Int, Int)] = [(1, 1, 1), (3, 2, 5), (7, 5, 3), (9, 9, 9), (2500, 7, 5), (33, 1, 4)]

  @Test(arguments: 0..<shapes.count)
  func multipliedMatchesNaive(index: Int) {
    let (m, k, n) = Self.shapes[index]
    let a = randomMatrix(rows: m, columns: k, seed: 10), b = randomMatrix(rows: k, columns: n, seed: 11)
    #expect(maxAbsDifference(a.multiplied(by: b), naiveProduct(a, b)) < 1e-12)
  }

  @Test(arguments: 0..<shapes.count)
  func transposeMultipliedMatchesNaive(index: Int) {
    let (m, k, n) = Self.shapes[index]
    let a = randomMatrix(rows: m, columns: k, seed: 12), b = randomMatrix(rows: m, columns: n, seed: 13)
    #expect(maxAbsDifference(a.transposeMultiplied(by: b), naiveProduct(a.transposed(), b)) < 1e-11)
  }

  @Test(arguments: [(5, 1), (6, 4), (2500, 7), (40, 13)])
  func gramIsSymmetricAndMatchesNaive(m: Int, k: Int) {
    let a = randomMatrix(rows: m, columns: k, seed: 14)
    let g = a.gram()
    #expect(maxAbsDifference(g, naiveProduct(a.transposed(), a)) < 1e-11)
    #expect(g == g.transposed())
  }

  @Test(arguments: [(5, 1), (6, 4), (2500, 7), (40, 13)])
  func weightedGramMatchesNaive(m: Int, k: Int) {
    let a = randomMatrix(rows: m, columns: k, seed: 15)
    let w = randomVector(m, seed: 16).map { $0 * $0 }
    var scaled = a
    for j in 0..<k {
      for i in 0..<m { scaled[i, j] *= w[i] }
    }
    let g = a.weightedGram(w)
    #expect(maxAbsDifference(g, naiveProduct(a.transposed(), scaled)) < 1e-11)
    #expect(g == g.transposed())
  }

  @Test func matrixVectorProducts() {
    let a = Matrix(rows: [[1, 2, 3], [4, 5, 6]])
    #expect(a.multiplied(by: [1, 0, -1]) == [-2, -2])
    #expect(a.transposeMultiplied(by: [1, -1]) == [-3, -3, -3])
    let big = randomMatrix(rows: 1500, columns: 9, seed: 17)
    let v = randomVector(9, seed: 18)
    expectClose(big.multiplied(by: v), naiveProduct(big, Matrix(columns: [v])).column(0), rtol: 1e-12, atol: 1e-13)
  }

  @Test func emptyProducts() {
    let a = Matrix(rows: 0, columns: 3)
    #expect(a.gram() == Matrix(rows: 3, columns: 3))
    #expect(Matrix(rows: 2, columns: 0).multiplied(by: Matrix(rows: 0, columns: 4)) == Matrix(rows: 2, columns: 4))
  }

  @Test func arithmetic() {
    let a = Matrix(rows: [[1, 2], [3, 4]]), b = Matrix(rows: [[10, 20], [30, 40]])
    #expect(a + b == Matrix(rows: [[11, 22], [33, 44]]))
    #expect(b - a == Matrix(rows: [[9, 18], [27, 36]]))
    #expect(2 * a == Matrix(rows: [[2, 4], [6, 8]]))
  }
}
