import LinearAlgebra

/// SplitMix64: a tiny deterministic generator so test matrices are reproducible.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A `rows`×`columns` matrix of uniform(−1, 1) entries from `seed`.
func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
  var g = SeededGenerator(seed: seed)
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
