extension Matrix {
  /// The entrywise sum of two matrices of the same shape.
  ///
  /// - Precondition: the shapes agree.
  /// - Complexity: O(`rows` · `columns`).
  public static func + (l: Matrix, r: Matrix) -> Matrix {
    precondition(l.rows == r.rows && l.columns == r.columns, "Matrices added together must have the same shape.")
    var result = l
    result.storage.withUnsafeMutableBufferPointer { out in
      r.storage.withUnsafeBufferPointer { b in
        for i in 0..<out.count { out[i] += b[i] }
      }
    }
    return result
  }

  /// The entrywise difference of two matrices of the same shape.
  ///
  /// - Precondition: the shapes agree.
  /// - Complexity: O(`rows` · `columns`).
  public static func - (l: Matrix, r: Matrix) -> Matrix {
    precondition(l.rows == r.rows && l.columns == r.columns, "Matrices subtracted must have the same shape.")
    var result = l
    result.storage.withUnsafeMutableBufferPointer { out in
      r.storage.withUnsafeBufferPointer { b in
        for i in 0..<out.count { out[i] -= b[i] }
      }
    }
    return result
  }

  /// The matrix with every entry multiplied by `s`.
  ///
  /// - Complexity: O(`rows` · `columns`).
  public static func * (s: Double, m: Matrix) -> Matrix {
    Matrix(rows: m.rows, columns: m.columns, columnMajor: m.storage.map { s * $0 })
  }
}
