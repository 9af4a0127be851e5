import LinearAlgebra
import TestSupport
import Testing

@Suite struct QRDecompositionTests {
  /// Checks `A₁ = Q₁R` through its two defining properties: `RᵀR = A₁ᵀA₁` and `Q₁ = A₁R⁻¹` has
  /// orthonormal columns; also that R is upper triangular.
  func expectReconstructs(_ a: Matrix, _ qr: QRDecomposition, tolerance: Double = 1e-12) {
    let a1 = a.selectingColumns(qr.independentColumns)
    let r = qr.r
    for j in 0..<r.columns {
      for i in (j + 1)..<r.rows { #expect(r[i, j] == 0) }
    }
    let gram = a1.gram()
    let scale = max(gram.diagonal.max() ?? 1, 1e-300)
    #expect(maxAbsDifference(r.transposed().multiplied(by: r), gram) / scale < tolerance)
    // Q₁ = A₁R⁻¹, row by row: solve Rᵀ qᵢ = aᵢ for every row aᵢ of A₁.
    var q = Matrix(rows: a1.rows, columns: a1.columns)
    for i in 0..<a1.rows {
      guard let row = try? TriangularSolve.upperTransposed(r, a1.row(i)) else {
        Issue.record("R is singular")
        return
      }
      for j in 0..<row.count { q[i, j] = row[j] }
    }
    #expect(maxAbsDifference(q.gram(), Matrix.identity(a1.columns)) < 1e-10)
  }

  @Test(arguments: [(10, 3), (50, 8), (200, 9), (300, 25), (2500, 17)])
  func fullRankReconstructionAndSolve(m: Int, k: Int) {
    let a = randomMatrix(rows: m, columns: k, seed: UInt64(m * 31 + k))
    let qr = QRDecomposition(a)
    #expect(qr.rank == k)
    #expect(qr.isFullRank)
    #expect(qr.independentColumns == Array(0..<k))
    #expect(qr.dependentColumns.isEmpty)
    expectReconstructs(a, qr)
    let beta = (0..<k).map { Double($0) - 3.5 }
    let y = naiveProduct(a, Matrix(columns: [beta])).column(0)
    expectClose(qr.leastSquares(y), beta, rtol: 1e-11, atol: 1e-12)
  }

  @Test func projectionAndResidualsSplitTheVector() {
    let a = randomMatrix(rows: 3000, columns: 12, seed: 3)
    let b = randomVector(3000, seed: 4).map { $0 * 100 }
    let qr = QRDecomposition(a)
    let p = qr.projection(b), e = qr.residuals(b)
    let bNorm = Vector.sumOfSquares(b).squareRoot()
    #expect(maxAbs(Vector.subtracting(Vector.subtracting(b, p), e)) / bNorm < 1e-14)
    // Residuals are orthogonal to every column (relative to ‖aⱼ‖·‖b‖).
    let columnNorm = a.gram().diagonal.map { $0.squareRoot() }.max() ?? 1
    #expect(maxAbs(a.transposeMultiplied(by: e)) / (columnNorm * bNorm) < 1e-14)
    // The projection of a vector already in the span is itself; its residual vanishes.
    let inSpan = a.multiplied(by: randomVector(12, seed: 5))
    expectClose(qr.projection(inSpan), inSpan, rtol: 0, atol: 1e-13)
    #expect(maxAbs(qr.residuals(inSpan)) < 1e-13)
  }

  @Test func matrixRightHandSidesMatchVectorOnes() {
    let a = randomMatrix(rows: 400, columns: 6, seed: 6)
    let b = randomMatrix(rows: 400, columns: 3, seed: 7)
    let qr = QRDecomposition(a)
    let x = qr.leastSquares(b), p = qr.projection(b), e = qr.residuals(b)
    #expect(x.rows == 6 && x.columns == 3)
    for j in 0..<3 {
      expectClose(x.column(j), qr.leastSquares(b.column(j)), rtol: 1e-14, atol: 1e-15)
      expectClose(p.column(j), qr.projection(b.column(j)), rtol: 1e-14, atol: 1e-15)
      expectClose(e.column(j), qr.residuals(b.column(j)), rtol: 1e-14, atol: 1e-15)
    }
  }

  @Test func exactlyCollinearColumn() {
    let x1 = randomVector(100, seed: 8), x2 = randomVector(100, seed: 9)
    let x3 = zip(x1, x2).map { $0 + 2 * $1 }
    let qr = QRDecomposition(Matrix(columns: [x1, x2, x3]))
    #expect(qr.rank == 2)
    #expect(!qr.isFullRank)
    #expect(qr.independentColumns == [0, 1])
    #expect(qr.dependentColumns == [2])
    let dependence = qr.dependence(ofColumn: 2)
    #expect(dependence.map(\.column) == [0, 1])
    expectClose(dependence.map(\.coefficient), [1, 2], rtol: 1e-10)
    // The basic solution puts 0 on the dependent column.
    let y = zip(x1, x2).map { 3 * $0 - $1 }
    expectClose(qr.leastSquares(y), [3, -1, 0], rtol: 1e-12, atol: 1e-14)
  }

  @Test func zeroColumn() {
    let x = randomVector(20, seed: 10)
    let a = Matrix(columns: [[Double](repeating: 1, count: 20), [Double](repeating: 0, count: 20), x])
    let qr = QRDecomposition(a)
    #expect(qr.independentColumns == [0, 2])
    #expect(qr.dependentColumns == [1])
    #expect(qr.dependence(ofColumn: 1).isEmpty)
    expectReconstructs(a, qr)
  }

  @Test func constantColumnNextToIntercept() {
    let x = randomVector(30, seed: 11)
    let a = Matrix(columns: [[Double](repeating: 1, count: 30), x, [Double](repeating: 5, count: 30)])
    let qr = QRDecomposition(a)
    #expect(qr.dependentColumns == [2])
    let dependence = qr.dependence(ofColumn: 2)
    #expect(dependence.map(\.column) == [0])
    expectClose(dependence.map(\.coefficient), [5], rtol: 1e-12)
  }

  @Test func fullDummySetPlusIntercept() {
    let n = 60
    let group = (0..<n).map { ($0 * 7) % 3 }
    let dummies = (0..<3).map { g in group.map { $0 == g ? 1.0 : 0.0 } }
    let x = randomVector(n, seed: 12)
    let a = Matrix(columns: [[Double](repeating: 1, count: n)] + dummies + [x])
    let qr = QRDecomposition(a)
    #expect(qr.independentColumns == [0, 1, 2, 4])
    #expect(qr.dependentColumns == [3])
    let dependence = qr.dependence(ofColumn: 3)
    #expect(dependence.map(\.column) == [0, 1, 2])
    expectClose(dependence.map(\.coefficient), [1, -1, -1], rtol: 1e-12)
    expectReconstructs(a, qr)
  }

  /// Dependent columns scattered across several reflection blocks: the fit must equal the fit on
  /// the independent columns alone, and every dependence must be reproduced.
  @Test func manyDependentColumnsAcrossBlocks() {
    let n = 500
    var columns = (0..<26).map { randomVector(n, seed: 100 + UInt64($0)) }
    let combos: [Int: [(Int, Double)]] = [
      3: [(0, 1), (1, -1)], 9: [(4, 2.5)], 10: [(2, 1), (5, 1), (8, -3)],
      17: [(11, 0.5), (16, 4)], 25: [(0, 1), (24, -2)],
    ]
    for (target, terms) in combos {
      var v = [Double](repeating: 0, count: n)
      for (source, c) in terms {
        for i in 0..<n { v[i] += c * columns[source][i] }
      }
      columns[target] = v
    }
    let a = Matrix(columns: columns)
    let qr = QRDecomposition(a)
    #expect(qr.dependentColumns == [3, 9, 10, 17, 25])
    #expect(qr.rank == 21)
    for (target, terms) in combos {
      let dependence = qr.dependence(ofColumn: target)
      #expect(dependence.map(\.column) == terms.map(\.0), "column \(target)")
      expectClose(dependence.map(\.coefficient), terms.map(\.1), rtol: 1e-10, "column \(target)")
    }
    expectReconstructs(a, qr)
    let y = randomVector(n, seed: 99)
    let reduced = QRDecomposition(a.selectingColumns(qr.independentColumns))
    #expect(reduced.isFullRank)
    expectClose(qr.projection(y), reduced.projection(y), rtol: 1e-12, atol: 1e-13)
    let coefficients = qr.leastSquares(y)
    for j in qr.dependentColumns { #expect(coefficients[j] == 0) }
    expectClose(qr.independentColumns.map { coefficients[$0] }, reduced.leastSquares(y), rtol: 1e-10, atol: 1e-12)
  }

  @Test func moreColumnsThanRows() {
    let a = randomMatrix(rows: 4, columns: 7, seed: 13)
    let qr = QRDecomposition(a)
    #expect(qr.rank == 4)
    #expect(qr.independentColumns == [0, 1, 2, 3])
    #expect(qr.dependentColumns == [4, 5, 6])
    let b = randomVector(4, seed: 14)
    #expect(maxAbs(qr.residuals(b)) < 1e-14)
    // Each extra column is reproduced from the dependence coefficients.
    for j in qr.dependentColumns {
      var rebuilt = [Double](repeating: 0, count: 4)
      for (column, c) in qr.dependence(ofColumn: j) {
        for i in 0..<4 { rebuilt[i] += c * a[i, column] }
      }
      expectClose(rebuilt, a.column(j), rtol: 1e-10, atol: 1e-12)
    }
  }

  @Test func allZeroAndEmptyMatrices() {
    let zero = QRDecomposition(Matrix(rows: 5, columns: 2))
    #expect(zero.rank == 0)
    #expect(zero.dependentColumns == [0, 1])
    let b: [Double] = [1, 2, 3, 4, 5]
    #expect(zero.residuals(b) == b)
    #expect(zero.projection(b) == [0, 0, 0, 0, 0])
    #expect(zero.leastSquares(b) == [0, 0])
    #expect(zero.inverseGram() == Matrix(rows: 0, columns: 0))
    let empty = QRDecomposition(Matrix(rows: 0, columns: 3))
    #expect(empty.rank == 0)
    #expect(empty.dependentColumns == [0, 1, 2])
  }

  @Test func toleranceControlsNearCollinearity() {
    let n = 200
    let x1 = randomVector(n, seed: 15)
    let noise = randomVector(n, seed: 16)
    let x2 = zip(x1, noise).map { $0 + 1e-9 * $1 }
    let a = Matrix(columns: [x1, x2])
    #expect(QRDecomposition(a).isFullRank)
    let loose = QRDecomposition(a, tolerance: 1e-7)
    #expect(loose.tolerance == 1e-7)
    #expect(loose.dependentColumns == [1])
  }

  @Test func inverseGramMatchesInverseOfGram() throws {
    let x = randomMatrix(rows: 300, columns: 5, seed: 17)
    let a = x.appendingColumns(of: Matrix(columns: [x.column(1)]))  // a dependent copy
    let qr = QRDecomposition(a)
    #expect(qr.dependentColumns == [5])
    let g = qr.inverseGram()
    #expect(g == g.transposed())
    let expected = try x.gram().inverse()
    #expect(maxAbsDifference(g, expected) / maxAbs(expected.columnMajorValues) < 1e-12)
  }

  /// Cubic trend `[1, t, t², t³]`, t = 1…1000: condition number ≈ 1.5e9, all entries exact.
  static func cubicTrend() -> Matrix {
    let t = (1...1000).map(Double.init)
    return Matrix(columns: [t.map { _ in 1 }, t, t.map { $0 * $0 }, t.map { $0 * $0 * $0 }])
  }

  @Test func nearCollinearFullRankExactFit() {
    let a = Self.cubicTrend()
    let beta: [Double] = [7, -3, 2, 1]
    // Integer entries below 2⁵³: y = Xβ is exact.
    let y = (0..<1000).map { i in (0..<4).reduce(0.0) { $0 + a[i, $1] * beta[$1] } }
    let qr = QRDecomposition(a)
    #expect(qr.isFullRank)
    expectClose(qr.leastSquares(y), beta, rtol: 1e-6)
  }

  @Test func nearCollinearFullRankWithResiduals() {
    let a = Self.cubicTrend()
    let beta: [Double] = [7, -3, 2, 1]
    let y = (0..<1000).map { i in
      (0..<4).reduce(0.0) { $0 + a[i, $1] * beta[$1] } + Double(((i + 1) * 7919) % 101 - 50)
    }
    // Exact rational solution of the normal equations (computed with Python fractions).
    let exact = [6.8455227443570914, -2.9980638262521069, 1.9999946904657979, 1.0000000039118631]
    let qr = QRDecomposition(a)
    #expect(qr.isFullRank)
    expectClose(qr.leastSquares(y), exact, rtol: 1e-6)
  }

  /// NIST StRD Longley data (16 observations, 6 regressors plus intercept, condition ≈ 5e9).
  @Test func longleyCertifiedValues() {
    let data: [[Double]] = [
      [60323, 83.0, 234289, 2356, 1590, 107608, 1947], [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
      [60171, 88.2, 258054, 3682, 1616, 109773, 1949], [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
      [63221, 96.2, 328975, 2099, 3099, 112075, 1951], [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
      [64989, 99.0, 365385, 1870, 3547, 115094, 1953], [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
      [66019, 101.2, 397469, 2904, 3048, 117388, 1955], [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
      [68169, 108.4, 442769, 2936, 2798, 120445, 1957], [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
      [68655, 112.6, 482704, 3813, 2552, 123366, 1959], [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
      [69331, 115.7, 518173, 4806, 2572, 127852, 1961], [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
    ]
    let y = data.map { $0[0] }
    let x = Matrix(rows: data.map { [1] + $0.dropFirst() })
    let certified = [
      -3482258.63459582, 15.0618722713733, -0.358191792925910e-01, -2.02022980381683,
      -1.03322686717359, -0.511041056535807e-01, 1829.15146461355,
    ]
    let qr = QRDecomposition(x)
    #expect(qr.isFullRank)
    expectClose(qr.leastSquares(y), certified, rtol: 1e-8)
    // Certified residual sum of squares.
    expectClose(Vector.sumOfSquares(qr.residuals(y)), 836424.055505915, rtol: 1e-9)
  }
}

extension QRDecompositionTests {
  @Test func nonFiniteColumnIsReportedDependent() {
    let x = randomVector(10, seed: 20)
    var bad = randomVector(10, seed: 21)
    bad[3] = .nan
    let qr = QRDecomposition(Matrix(columns: [x, bad, x.map { $0 * $0 }]))
    #expect(qr.independentColumns == [0, 2])
    #expect(qr.dependentColumns == [1])
  }
}
