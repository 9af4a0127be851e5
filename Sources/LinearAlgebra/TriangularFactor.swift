/// The triangular factor `R` of an unpivoted Householder QR, and the merge of several such
/// factors (the reduction step of a tall-skinny QR).
///
/// For a column block `A` of any height, `R` (`d`×`d`, upper triangular) satisfies
/// `AᵀA = RᵀR` with Householder accuracy: least-squares problems among `A`'s columns can be
/// solved on `R` instead of `A`. Factors of row blocks merge exactly:
/// `R([A₁; A₂]) = R([R₁; R₂])` up to the signs of its rows, so blocks can be reduced
/// independently (on several cores, or one chunk of a file at a time) and combined.
///
/// Unlike ``QRDecomposition`` nothing is pivoted or set aside: a column that is zero (or
/// dependent) after the earlier ones gets a zero (or tiny) diagonal entry, and callers decide
/// about rank on the small factor.
///
/// ```swift
/// var a: [Double] = [1, 1, 1, 1, 1, 2, 3, 4]           // 4×2, column-major
/// let r = TriangularFactor.householder(&a, rows: 4, columns: 2)
/// // RᵀR == AᵀA: [[4, 10], [10, 30]]
/// ```
public enum TriangularFactor {
  /// `R` of the `rows`×`columns` column-major matrix `a` (overwritten by Householder
  /// vectors), as a `columns`×`columns` column-major upper-triangular array. Rows of `R` below
  /// `min(rows, columns)` are zero.
  ///
  /// - Complexity: O(`rows`·`columns`²).
  public static func householder(_ a: inout [Double], rows m: Int, columns d: Int) -> [Double] {
    precondition(a.count >= m * d, "The matrix must hold rows × columns entries.")
    var r = [Double](repeating: 0, count: d * d)
    guard m > 0, d > 0 else { return r }
    a.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for j in 0..<min(m, d) {
        let column = base + j * m + j
        let length = m - j
        let norm = Kernels.norm(column, length)
        guard norm > 0 else {
          // A zero column below the diagonal: no reflection; R keeps the entries above.
          for k in j..<d { r[j + k * d] = base[j + k * m] }
          continue
        }
        let x0 = column[0]
        let beta = x0 >= 0 ? -norm : norm
        let v0 = x0 - beta
        let tau = (beta - x0) / beta
        // v = x / v0 with v[0] = 1.
        let inverse = 1 / v0
        column[0] = 1
        for i in 1..<length { column[i] *= inverse }
        r[j + j * d] = beta
        for k in (j + 1)..<max(j + 1, d) {
          let target = base + k * m + j
          let w = tau * Kernels.dot(UnsafePointer(column), UnsafePointer(target), length)
          Kernels.axpy(-w, UnsafePointer(column), target, length)
          r[j + k * d] = target[0]
        }
      }
    }
    return r
  }

  /// `R` of the rows of several `columns`×`columns` triangular factors stacked on top of each
  /// other, followed by `extraRows` (each `columns` long).
  ///
  /// - Complexity: O((`factors.count`·`columns` + `extraRows.count`)·`columns`²).
  public static func stacking(_ factors: [[Double]], extraRows: [[Double]] = [], columns d: Int) -> [Double] {
    let m = factors.count * d + extraRows.count
    var a = [Double](repeating: 0, count: m * d)
    for (f, factor) in factors.enumerated() {
      for k in 0..<d {
        for i in 0...min(k, d - 1) { a[f * d + i + k * m] = factor[i + k * d] }
      }
    }
    for (e, row) in extraRows.enumerated() {
      let i = factors.count * d + e
      for k in 0..<d { a[i + k * m] = row[k] }
    }
    return householder(&a, rows: m, columns: d)
  }
}
