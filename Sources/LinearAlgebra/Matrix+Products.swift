extension Matrix {
  /// Column pointers into `buffer`, one per column of a `rows`-row column-major matrix.
  static func columnPointers(
    _ buffer: UnsafeBufferPointer<Double>, rows: Int, columns: Int
  ) -> [UnsafePointer<Double>] {
    guard let base = buffer.baseAddress else {
      return []
    }
    return (0..<columns).map { base + $0 * rows }
  }

  /// Mutable column pointers into `buffer`, one per column of a `rows`-row matrix.
  static func mutableColumnPointers(
    _ buffer: UnsafeMutableBufferPointer<Double>, rows: Int, columns: Int
  ) -> [UnsafeMutablePointer<Double>] {
    guard let base = buffer.baseAddress else {
      return []
    }
    return (0..<columns).map { base + $0 * rows }
  }

  /// The matrix product `A·B`.
  ///
  /// Each column of the result is built as `−Σₗ (−b_lj)·a_l`: four columns of `A` per pass over a
  /// chunk of rows, so the output chunk stays in cache.
  ///
  /// - Precondition: `columns == other.rows`.
  /// - Complexity: O(`rows` · `columns` · `other.columns`).
  public func multiplied(by other: Matrix) -> Matrix {
    precondition(columns == other.rows, "The inner dimensions of a matrix product must agree.")
    var result = Matrix(rows: rows, columns: other.columns)
    if rows == 0 || other.columns == 0 || columns == 0 { return result }
    let negated = other.storage.map { -$0 }
    storage.withUnsafeBufferPointer { a in
      negated.withUnsafeBufferPointer { w in
        result.storage.withUnsafeMutableBufferPointer { c in
          guard let wBase = w.baseAddress else {
            return
          }
          Kernels.subtractProducts(
            Matrix.columnPointers(a, rows: rows, columns: columns), wBase,
            Matrix.mutableColumnPointers(c, rows: rows, columns: other.columns), rows: 0..<rows)
        }
      }
    }
    return result
  }

  /// The product `Aᵀ·B` without forming the transpose.
  ///
  /// Entry (i, j) is the dot product of column i of `A` and column j of `B`; rows are walked in
  /// cache-sized chunks with 2×2 register blocks.
  ///
  /// - Precondition: `rows == other.rows`.
  /// - Complexity: O(`rows` · `columns` · `other.columns`).
  public func transposeMultiplied(by other: Matrix) -> Matrix {
    precondition(rows == other.rows, "Aᵀ·B needs A and B to have the same number of rows.")
    var result = Matrix(rows: columns, columns: other.columns)
    storage.withUnsafeBufferPointer { a in
      other.storage.withUnsafeBufferPointer { b in
        result.storage.withUnsafeMutableBufferPointer { w in
          guard let wBase = w.baseAddress else {
            return
          }
          Kernels.crossProducts(
            Matrix.columnPointers(a, rows: rows, columns: columns),
            Matrix.columnPointers(b, rows: rows, columns: other.columns), rows: 0..<rows,
            into: wBase)
        }
      }
    }
    return result
  }

  /// The Gram matrix `AᵀA`, exactly symmetric.
  ///
  /// Only the upper triangle is accumulated (chunked 2×2 dot-product blocks); the lower
  /// triangle is a mirror copy.
  ///
  /// - Complexity: O(`rows` · `columns`²), about half the work of a general `Aᵀ·B`.
  public func gram() -> Matrix {
    var result = Matrix(rows: columns, columns: columns)
    storage.withUnsafeBufferPointer { a in
      result.storage.withUnsafeMutableBufferPointer { w in
        guard let wBase = w.baseAddress else {
          return
        }
        let pointers = Matrix.columnPointers(a, rows: rows, columns: columns)
        Kernels.crossProducts(pointers, pointers, rows: 0..<rows, symmetric: true, into: wBase)
      }
    }
    result.mirrorUpperTriangle()
    return result
  }

  /// The weighted Gram matrix `Aᵀ·diag(w)·A = Σᵢ wᵢ·aᵢaᵢᵀ` (aᵢ the i-th row), exactly symmetric.
  ///
  /// This is the "meat" of heteroskedasticity-robust covariance estimators (HC0 uses
  /// `w = e²`). Each chunk of rows of `A` is scaled by the weights into a scratch buffer and
  /// multiplied against the unscaled chunk, upper triangle only.
  ///
  /// - Precondition: `weights.count == rows`.
  /// - Complexity: O(`rows` · `columns`²) time, O(`columns` · 1024) scratch memory.
  public func weightedGram(_ weights: [Double]) -> Matrix {
    precondition(weights.count == rows, "There must be one weight per row.")
    var result = Matrix(rows: columns, columns: columns)
    let k = columns
    if k == 0 || rows == 0 { return result }
    let chunk = Kernels.chunk
    var scratch = [Double](repeating: 0, count: k * chunk)
    storage.withUnsafeBufferPointer { a in
      weights.withUnsafeBufferPointer { wt in
        scratch.withUnsafeMutableBufferPointer { s in
          result.storage.withUnsafeMutableBufferPointer { out in
            guard let aBase = a.baseAddress, let wBase = wt.baseAddress,
              let sBase = s.baseAddress, let outBase = out.baseAddress
            else {
              return
            }
            let scaled = (0..<k).map { UnsafePointer(sBase + $0 * chunk) }
            var start = 0
            while start < rows {
              let n = Swift.min(chunk, rows - start)
              for j in 0..<k {
                let src = aBase + j * rows + start
                let dst = sBase + j * chunk
                for i in 0..<n { dst[i] = src[i] * wBase[start + i] }
              }
              let plain = (0..<k).map { UnsafePointer(aBase + $0 * rows + start) }
              Kernels.crossProducts(scaled, plain, rows: 0..<n, symmetric: true, into: outBase)
              start += n
            }
          }
        }
      }
    }
    result.mirrorUpperTriangle()
    return result
  }

  /// The matrix–vector product `A·v`.
  ///
  /// - Precondition: `vector.count == columns`.
  /// - Complexity: O(`rows` · `columns`).
  public func multiplied(by vector: [Double]) -> [Double] {
    precondition(vector.count == columns, "The vector length must equal the column count.")
    return multiplied(by: Matrix(rows: columns, columns: 1, columnMajor: vector)).storage
  }

  /// The product `Aᵀ·v`: the dot product of every column with `v`.
  ///
  /// - Precondition: `vector.count == rows`.
  /// - Complexity: O(`rows` · `columns`).
  public func transposeMultiplied(by vector: [Double]) -> [Double] {
    precondition(vector.count == rows, "The vector length must equal the row count.")
    return transposeMultiplied(by: Matrix(rows: rows, columns: 1, columnMajor: vector)).storage
  }

  /// Copies the upper triangle of a square matrix onto its lower triangle.
  mutating func mirrorUpperTriangle() {
    let n = rows
    storage.withUnsafeMutableBufferPointer { s in
      for j in 0..<n {
        for i in 0..<j { s[j + i * n] = s[i + j * n] }
      }
    }
  }
}
