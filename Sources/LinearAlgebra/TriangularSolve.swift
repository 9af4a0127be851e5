/// Substitution solvers for triangular systems stored in a column-major ``Matrix``.
///
/// Only the relevant triangle of the matrix is read. The loops are column oriented
/// (Golub & Van Loan, *Matrix Computations*, 4th ed., §3.1.3–3.1.4): back substitution
/// subtracts `xⱼ·r_{·j}` from the right-hand side one contiguous column at a time, and the
/// transposed solve forms dot products with contiguous columns.
public enum TriangularSolve {
  /// Solves `R·x = b` for upper-triangular `R` by back substitution.
  ///
  /// - Precondition: `r` is square and `b.count == r.rows`.
  /// - Complexity: O(n²).
  /// - Throws: ``LinearAlgebraError/zeroDiagonal(index:)`` when a diagonal entry is exactly 0.
  public static func upper(_ r: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    try check(r, b)
    var x = b
    backSubstitute(r.storage, stride: r.rows, count: r.rows, &x)
    return x
  }

  /// Solves `L·x = b` for lower-triangular `L` by forward substitution.
  ///
  /// - Precondition: `l` is square and `b.count == l.rows`.
  /// - Complexity: O(n²).
  /// - Throws: ``LinearAlgebraError/zeroDiagonal(index:)`` when a diagonal entry is exactly 0.
  public static func lower(_ l: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    try check(l, b)
    var x = b
    forwardSubstitute(l.storage, stride: l.rows, count: l.rows, &x)
    return x
  }

  /// Solves `Rᵀ·x = b` for upper-triangular `R` (forward substitution with the columns of `R`).
  ///
  /// - Precondition: `r` is square and `b.count == r.rows`.
  /// - Complexity: O(n²).
  /// - Throws: ``LinearAlgebraError/zeroDiagonal(index:)`` when a diagonal entry is exactly 0.
  public static func upperTransposed(_ r: Matrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    try check(r, b)
    var x = b
    transposedForwardSubstitute(r.storage, stride: r.rows, count: r.rows, &x)
    return x
  }

  private static func check(_ t: Matrix, _ b: [Double]) throws(LinearAlgebraError) {
    precondition(t.rows == t.columns, "A triangular solve needs a square matrix.")
    precondition(b.count == t.rows, "The right-hand side length must equal the matrix order.")
    for i in 0..<t.rows where t.storage[i + i * t.rows] == 0 {
      throw .zeroDiagonal(index: i)
    }
  }

  /// Back substitution on the leading `count`×`count` upper triangle of a column-major array
  /// with leading dimension `stride`; `x` holds the right-hand side and receives the solution.
  static func backSubstitute(_ t: [Double], stride: Int, count: Int, _ x: inout [Double]) {
    t.withUnsafeBufferPointer { tp in
      x.withUnsafeMutableBufferPointer { xp in
        guard let tb = tp.baseAddress, let xb = xp.baseAddress else {
          return
        }
        var j = count - 1
        while j >= 0 {
          let column = tb + j * stride
          let xj = xb[j] / column[j]
          xb[j] = xj
          Kernels.axpy(-xj, column, xb, j)
          j -= 1
        }
      }
    }
  }

  /// Forward substitution on the leading lower triangle (see ``backSubstitute(_:stride:count:_:)``).
  static func forwardSubstitute(_ t: [Double], stride: Int, count: Int, _ x: inout [Double]) {
    t.withUnsafeBufferPointer { tp in
      x.withUnsafeMutableBufferPointer { xp in
        guard let tb = tp.baseAddress, let xb = xp.baseAddress else {
          return
        }
        for j in 0..<count {
          let column = tb + j * stride
          let xj = xb[j] / column[j]
          xb[j] = xj
          Kernels.axpy(-xj, column + j + 1, xb + j + 1, count - j - 1)
        }
      }
    }
  }

  /// Solves `Tᵀx = b` for the leading upper triangle `T` (dot products with its columns).
  static func transposedForwardSubstitute(_ t: [Double], stride: Int, count: Int, _ x: inout [Double]) {
    t.withUnsafeBufferPointer { tp in
      x.withUnsafeMutableBufferPointer { xp in
        guard let tb = tp.baseAddress, let xb = xp.baseAddress else {
          return
        }
        for j in 0..<count {
          let column = tb + j * stride
          xb[j] = (xb[j] - Kernels.dot(column, xb, j)) / column[j]
        }
      }
    }
  }
}
