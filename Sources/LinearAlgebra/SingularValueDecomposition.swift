/// The thin singular value decomposition `A = U·diag(σ)·Vᵀ`.
///
/// Computed with the one-sided Jacobi method of Hestenes (1958) (Golub & Van Loan, *Matrix
/// Computations*, 4th ed., §8.6.3; Demmel & Veselić 1992): plane rotations applied to pairs of
/// columns of a working copy of `A` until all columns are mutually orthogonal; their norms are
/// the singular values and the accumulated rotations form `V`. Column pairs are orthogonalised
/// with contiguous dot products and rotations. A wide matrix is handled through its transpose.
/// Intended for small matrices or tall ones with few columns.
public struct SingularValueDecomposition: Sendable {
  /// The `min(m, n)` singular values in descending order.
  public let singularValues: [Double]
  /// The `m`×`min(m, n)` left singular vectors (orthonormal columns).
  public let u: Matrix
  /// The `n`×`min(m, n)` right singular vectors (orthonormal columns).
  public let v: Matrix
  /// The number of rows of the decomposed matrix.
  public let rows: Int
  /// The number of columns of the decomposed matrix.
  public let columns: Int

  /// Decomposes `a`.
  ///
  /// - Complexity: O(m·n²) per sweep for m ≥ n (typically 6–12 sweeps).
  public init(_ a: Matrix) {
    rows = a.rows
    columns = a.columns
    if a.rows >= a.columns {
      let (s, u, v) = SingularValueDecomposition.tall(a)
      singularValues = s
      self.u = u
      self.v = v
    } else {
      let (s, u, v) = SingularValueDecomposition.tall(a.transposed())
      singularValues = s
      self.u = v
      self.v = u
    }
  }

  /// The numerical rank: the number of singular values greater than
  /// `relativeTolerance × σ_max`.
  ///
  /// The default tolerance `max(m, n) · ε` matches `numpy.linalg.matrix_rank`.
  ///
  /// - Complexity: O(min(m, n)).
  public func rank(relativeTolerance: Double? = nil) -> Int {
    let rtol = relativeTolerance ?? Double(Swift.max(rows, columns)) * .ulpOfOne
    let cutoff = (singularValues.first ?? 0) * rtol
    return singularValues.filter { $0 > cutoff }.count
  }

  /// One-sided Jacobi on a matrix with `m ≥ n`.
  private static func tall(_ a: Matrix) -> ([Double], Matrix, Matrix) {
    let m = a.rows, n = a.columns
    var w = a.storage
    var v = Matrix.identity(n).storage
    w.withUnsafeMutableBufferPointer { wp in
      v.withUnsafeMutableBufferPointer { vp in
        guard let wb = wp.baseAddress, let vb = vp.baseAddress else {
          return
        }
        for _ in 0..<80 {
          var rotated = false
          for p in 0..<n {
            for q in (p + 1)..<n {
              let cp = wb + p * m, cq = wb + q * m
              let alpha = Kernels.sumOfSquares(cp, m)
              let beta = Kernels.sumOfSquares(cq, m)
              let gamma = Kernels.dot(cp, cq, m)
              if gamma == 0 || abs(gamma) <= Double.ulpOfOne * (alpha * beta).squareRoot() {
                continue
              }
              rotated = true
              // The rotation diagonalising [α γ; γ β] (symmetric Jacobi on the column Gram).
              let zeta = (beta - alpha) / (2 * gamma)
              let t: Double
              if abs(zeta) > 1e150 {
                t = 1 / (2 * zeta)
              } else {
                t = (zeta >= 0 ? 1 : -1) / (abs(zeta) + (zeta * zeta + 1).squareRoot())
              }
              let c = 1 / (t * t + 1).squareRoot()
              let s = c * t
              rotate(cp, cq, c, s, m)
              rotate(vb + p * n, vb + q * n, c, s, n)
            }
          }
          if !rotated { break }
        }
      }
    }
    var sigma = (0..<n).map { j in
      w.withUnsafeBufferPointer { wp in
        guard let wb = wp.baseAddress else {
          return 0.0
        }
        return Kernels.norm(wb + j * m, m)
      }
    }
    let order = (0..<n).sorted { sigma[$0] > sigma[$1] || (sigma[$0] == sigma[$1] && $0 < $1) }
    sigma = order.map { sigma[$0] }
    var uColumns: [[Double]] = []
    var vColumns: [[Double]] = []
    var zeroColumns: [Int] = []
    for (target, source) in order.enumerated() {
      let s = sigma[target]
      let column = Array(w[(source * m)..<((source + 1) * m)])
      if s > 0 && s.isFinite {
        uColumns.append(column.map { $0 / s })
      } else {
        uColumns.append([Double](repeating: 0, count: m))
        zeroColumns.append(target)
      }
      vColumns.append(Array(v[(source * n)..<((source + 1) * n)]))
    }
    // Complete U with orthonormal vectors where σ = 0 (Gram–Schmidt on unit vectors, twice).
    for target in zeroColumns {
      var best: [Double] = []
      var bestNorm = -1.0
      for e in 0..<m {
        var candidate = [Double](repeating: 0, count: m)
        candidate[e] = 1
        for _ in 0..<2 {
          for (index, other) in uColumns.enumerated() where index != target {
            let d = Vector.dot(candidate, other)
            for i in 0..<m { candidate[i] -= d * other[i] }
          }
        }
        let norm = Vector.sumOfSquares(candidate).squareRoot()
        if norm > bestNorm {
          bestNorm = norm
          best = candidate
        }
        if norm > 0.5 { break }
      }
      uColumns[target] = best.map { $0 / bestNorm }
    }
    let u = Matrix(rows: m, columns: n, columnMajor: uColumns.flatMap { $0 })
    let vMatrix = Matrix(rows: n, columns: n, columnMajor: vColumns.flatMap { $0 })
    return (sigma, u, vMatrix)
  }

  /// `(x, y) ← (c·x − s·y, s·x + c·y)` over `n` entries.
  private static func rotate(
    _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ c: Double, _ s: Double,
    _ n: Int
  ) {
    for i in 0..<n {
      let a = x[i], b = y[i]
      x[i] = c * a - s * b
      y[i] = s * a + c * b
    }
  }
}
