/// The eigendecomposition `A = V·diag(λ)·Vᵀ` of a real symmetric matrix.
///
/// Computed with the cyclic Jacobi method (Golub & Van Loan, *Matrix Computations*, 4th ed.,
/// §8.5.2–8.5.3): sweeps of plane rotations each annihilating one off-diagonal pair, skipping
/// entries already negligible relative to `√|aₚₚ·a_qq|`. Jacobi is slower than tridiagonal QR but
/// computes small eigenvalues to high relative accuracy (Demmel & Veselić 1992), which matters
/// for near-singular covariance matrices. Intended for small orders (up to a few hundred).
public struct SymmetricEigenDecomposition: Sendable {
  /// The eigenvalues in ascending order (the order of `numpy.linalg.eigh`).
  public let eigenvalues: [Double]
  /// Orthonormal eigenvectors: column i belongs to `eigenvalues[i]`. Signs are arbitrary.
  public let eigenvectors: Matrix

  /// Diagonalises the symmetric matrix `a` (only the upper triangle is read; it is mirrored).
  ///
  /// - Precondition: `a` is square.
  /// - Complexity: O(n³) per sweep; typically 6–10 sweeps.
  public init(_ a: Matrix) {
    precondition(a.rows == a.columns, "An eigendecomposition needs a square matrix.")
    let n = a.rows
    var m = a.storage
    for j in 0..<n {
      for i in (j + 1)..<n { m[i + j * n] = m[j + i * n] }
    }
    var v = Matrix.identity(n).storage
    m.withUnsafeMutableBufferPointer { mp in
      v.withUnsafeMutableBufferPointer { vp in
        guard let ab = mp.baseAddress, let vb = vp.baseAddress else {
          return
        }
        for _ in 0..<100 {
          var rotated = false
          for p in 0..<n {
            for q in (p + 1)..<n {
              let apq = ab[p + q * n]
              if apq == 0 { continue }
              let app = ab[p + p * n], aqq = ab[q + q * n]
              if abs(apq) <= Double.ulpOfOne * (abs(app) * abs(aqq)).squareRoot()
                || abs(apq) < Double.leastNormalMagnitude
              {
                ab[p + q * n] = 0
                ab[q + p * n] = 0
                continue
              }
              rotated = true
              // Rotation [c s; −s c] with t = tan θ the smaller root of t² + 2θt − 1 = 0.
              let theta = (aqq - app) / (2 * apq)
              let t: Double
              if abs(theta) > 1e150 {
                t = 1 / (2 * theta)
              } else {
                t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
              }
              let c = 1 / (t * t + 1).squareRoot()
              let s = t * c
              ab[p + p * n] = app - t * apq
              ab[q + q * n] = aqq + t * apq
              ab[p + q * n] = 0
              ab[q + p * n] = 0
              let cp = ab + p * n, cq = ab + q * n
              for r in 0..<n where r != p && r != q {
                let g = cp[r], h = cq[r]
                let newP = c * g - s * h
                let newQ = s * g + c * h
                cp[r] = newP
                cq[r] = newQ
                ab[p + r * n] = newP
                ab[q + r * n] = newQ
              }
              let vpCol = vb + p * n, vqCol = vb + q * n
              for r in 0..<n {
                let g = vpCol[r], h = vqCol[r]
                vpCol[r] = c * g - s * h
                vqCol[r] = s * g + c * h
              }
            }
          }
          if !rotated { break }
        }
      }
    }
    let values = (0..<n).map { m[$0 + $0 * n] }
    let order = (0..<n).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    eigenvalues = order.map { values[$0] }
    var vectors = Matrix(rows: n, columns: n)
    for (target, source) in order.enumerated() {
      for r in 0..<n { vectors.storage[r + target * n] = v[r + source * n] }
    }
    eigenvectors = vectors
  }
}
