import LinearAlgebra
import TestSupport

/// A `rows`×`columns` matrix of uniform(−1, 1) entries from `seed`.
func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
  var g = SplitMix64(seed: seed)
  let values = (0..<(rows * columns)).map { _ in Double.random(in: -1...1, using: &g) }
  return Matrix(rows: rows, columns: columns, columnMajor: values)
}

/// A uniform(−1, 1) vector from `seed`.
func randomVector(_ count: Int, seed: UInt64) -> [Double] {
  randomMatrix(rows: count, columns: 1, seed: seed).column(0)
}

/// The textbook triple loop `A·B`.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
  var c = Matrix(rows: a.rows, columns: b.columns)
  for i in 0..<a.rows {
    for j in 0..<b.columns {
      var s = 0.0
      for l in 0..<a.columns { s += a[i, l] * b[l, j] }
      c[i, j] = s
    }
  }
  return c
}

/// The largest absolute entry of `a − b`.
func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Double {
  precondition(a.rows == b.rows && a.columns == b.columns, "Shapes must agree.")
  var worst = 0.0
  for (x, y) in zip(a.columnMajorValues, b.columnMajorValues) { worst = max(worst, abs(x - y)) }
  return worst
}

/// The largest absolute entry.
func maxAbs(_ values: [Double]) -> Double { values.reduce(0) { max($0, abs($1)) } }

/// A random symmetric positive definite matrix `BᵀB + n·I`.
func randomSPD(_ n: Int, seed: UInt64) -> Matrix {
  let b = randomMatrix(rows: n, columns: n, seed: seed)
  return naiveProduct(b.transposed(), b) + Double(n) * Matrix.identity(n)
}
