/// The Cholesky factorisation `A = L·Lᵀ` of a symmetric positive definite matrix.
///
/// Computed column by column with the gaxpy formulation (Golub & Van Loan, *Matrix
/// Computations*, 4th ed., Algorithm 4.2.1), which walks contiguous columns of the
/// column-major storage. Only the lower triangle of the input is read.
public struct CholeskyDecomposition: Sendable {
  /// The order of the matrix.
  public let order: Int
  /// `L` in column-major order (upper triangle zero).
  let factor: [Double]

  /// Factorises the symmetric positive definite matrix `a`.
  ///
  /// - Complexity: O(n³/3).
  /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)`` for a non-square matrix;
  ///   ``LinearAlgebraError/notPositiveDefinite(pivot:)`` with the zero-based index of the first
  ///   pivot that is not positive and finite.
  public init(_ a: Matrix) throws(LinearAlgebraError) {
    guard a.rows == a.columns else {
      throw .notSquare(rows: a.rows, columns: a.columns)
    }
    let n = a.rows
    var l = [Double](repeating: 0, count: n * n)
    var failedPivot: Int? = nil
    a.storage.withUnsafeBufferPointer { ap in
      l.withUnsafeMutableBufferPointer { lp in
        guard let ab = ap.baseAddress, let lb = lp.baseAddress else {
          return
        }
        for j in 0..<n {
          let column = lb + j * n
          for i in j..<n { column[i] = ab[i + j * n] }
          for k in 0..<j {
            let lk = lb + k * n
            Kernels.axpy(-lk[j], lk + j, column + j, n - j)
          }
          let pivot = column[j]
          guard pivot > 0, pivot.isFinite else {
            failedPivot = j
            return
          }
          let d = pivot.squareRoot()
          column[j] = d
          let scale = 1 / d
          for i in (j + 1)..<n { column[i] *= scale }
        }
      }
    }
    if let pivot = failedPivot {
      throw .notPositiveDefinite(pivot: pivot)
    }
    order = n
    factor = l
  }

  /// The lower-triangular factor `L`.
  public var lower: Matrix { Matrix(rows: order, columns: order, columnMajor: factor) }

  /// Solves `A·x = b` by forward and back substitution with `L` and `Lᵀ`.
  ///
  /// - Precondition: `b.count == order`.
  /// - Complexity: O(n²).
  public func solve(_ b: [Double]) -> [Double] {
    precondition(b.count == order, "The right-hand side length must equal the matrix order.")
    var x = b
    TriangularSolve.forwardSubstitute(factor, stride: order, count: order, &x)
    // Lᵀx = y: the columns of L are the rows of Lᵀ, so this is back substitution by dots.
    factor.withUnsafeBufferPointer { lp in
      x.withUnsafeMutableBufferPointer { xp in
        guard let lb = lp.baseAddress, let xb = xp.baseAddress else {
          return
        }
        var j = order - 1
        while j >= 0 {
          let column = lb + j * order
          xb[j] = (xb[j] - Kernels.dot(column + j + 1, xb + j + 1, order - j - 1)) / column[j]
          j -= 1
        }
      }
    }
    return x
  }

  /// Solves `A·X = B` column by column.
  ///
  /// - Precondition: `b.rows == order`.
  /// - Complexity: O(n² · `b.columns`).
  public func solve(_ b: Matrix) -> Matrix {
    precondition(b.rows == order, "The right-hand side must have as many rows as the matrix order.")
    var result = b
    for j in 0..<b.columns { result.setColumn(j, to: solve(b.column(j))) }
    return result
  }

  /// `A⁻¹ = L⁻ᵀL⁻¹`, exactly symmetric.
  ///
  /// - Complexity: O(n³).
  public func inverse() -> Matrix {
    let n = order
    // Columns of L⁻¹ (lower triangular) by forward substitution on unit vectors.
    var inverseL = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      var e = [Double](repeating: 0, count: n - j)
      e[0] = 1
      // Solve the trailing block L[j..<n, j..<n]·x = e.
      factor.withUnsafeBufferPointer { lp in
        e.withUnsafeMutableBufferPointer { ep in
          guard let lb = lp.baseAddress, let eb = ep.baseAddress else {
            return
          }
          for c in 0..<(n - j) {
            let column = lb + (j + c) * n + j
            let xc = eb[c] / column[c]
            eb[c] = xc
            Kernels.axpy(-xc, column + c + 1, eb + c + 1, n - j - c - 1)
          }
        }
      }
      for c in 0..<(n - j) { inverseL[j + c + j * n] = e[c] }
    }
    var result = Matrix(rows: n, columns: n)
    inverseL.withUnsafeBufferPointer { ip in
      guard let base = ip.baseAddress else {
        return
      }
      // (L⁻ᵀL⁻¹)[i, l] = Σ_{c ≥ max(i, l)} L⁻¹[c, i]·L⁻¹[c, l].
      for l in 0..<n {
        for i in 0...l {
          result.storage[i + l * n] = Kernels.dot(base + i * n + l, base + l * n + l, n - l)
        }
      }
    }
    result.mirrorUpperTriangle()
    return result
  }
}
