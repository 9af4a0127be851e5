/// The LU factorisation `P·A = L·U` with partial (row) pivoting.
///
/// Right-looking Gaussian elimination (Golub & Van Loan, *Matrix Computations*, 4th ed.,
/// Algorithm 3.4.1) on column-major storage: the multipliers of each step form a contiguous
/// column and the trailing update is a sequence of column axpys.
struct LUDecomposition: Sendable {
  /// The order of the matrix.
  let order: Int
  /// `L` (unit diagonal, strictly below) and `U` (on and above the diagonal), column-major.
  let factors: [Double]
  /// Row `i` of `L·U` is row `permutation[i]` of `A`.
  let permutation: [Int]
  /// The first step whose pivot column was exactly zero, if any (then `A` is singular).
  let zeroPivot: Int?

  /// Factorises the square matrix `a`.
  ///
  /// - Complexity: O(2n³/3).
  init(_ a: Matrix) {
    precondition(a.rows == a.columns, "LU factorisation needs a square matrix.")
    let n = a.rows
    var lu = a.storage
    var perm = Array(0..<n)
    var zero: Int? = nil
    lu.withUnsafeMutableBufferPointer { p in
      guard let base = p.baseAddress else {
        return
      }
      for k in 0..<n {
        let ck = base + k * n
        var pivotRow = k
        var largest = abs(ck[k])
        for i in (k + 1)..<n where abs(ck[i]) > largest {
          largest = abs(ck[i])
          pivotRow = i
        }
        if pivotRow != k {
          perm.swapAt(k, pivotRow)
          for j in 0..<n {
            let cj = base + j * n
            let tmp = cj[k]
            cj[k] = cj[pivotRow]
            cj[pivotRow] = tmp
          }
        }
        guard largest != 0 else {
          if zero == nil { zero = k }
          continue
        }
        let scale = 1 / ck[k]
        for i in (k + 1)..<n { ck[i] *= scale }
        for j in (k + 1)..<n {
          let cj = base + j * n
          Kernels.axpy(-cj[k], ck + k + 1, cj + k + 1, n - k - 1)
        }
      }
    }
    order = n
    factors = lu
    permutation = perm
    zeroPivot = zero
  }

  /// Solves `A·x = b` (meaningful only when ``zeroPivot`` is `nil`).
  func solve(_ b: [Double]) -> [Double] {
    var x = permutation.map { b[$0] }
    let n = order
    factors.withUnsafeBufferPointer { fp in
      x.withUnsafeMutableBufferPointer { xp in
        guard let f = fp.baseAddress, let xb = xp.baseAddress else {
          return
        }
        for j in 0..<n {
          Kernels.axpy(-xb[j], f + j * n + j + 1, xb + j + 1, n - j - 1)
        }
        var j = n - 1
        while j >= 0 {
          let column = f + j * n
          let xj = xb[j] / column[j]
          xb[j] = xj
          Kernels.axpy(-xj, column, xb, j)
          j -= 1
        }
      }
    }
    return x
  }
}
