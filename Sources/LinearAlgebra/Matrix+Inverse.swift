extension Matrix {
  /// The inverse of a square matrix, by LU factorisation with partial pivoting
  /// (Golub & Van Loan, *Matrix Computations*, 4th ed., §3.4) and solves against the identity.
  ///
  /// Like LAPACK's `dgesv` (and `numpy.linalg.inv`), only an exactly zero pivot is treated as
  /// singular; a nearly singular matrix yields a large, inaccurate inverse.
  ///
  /// - Complexity: O(n³).
  /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)`` for a non-square matrix;
  ///   ``LinearAlgebraError/singular(rank:size:)`` (with the QR-estimated rank) when a pivot is 0.
  public func inverse() throws(LinearAlgebraError) -> Matrix {
    guard rows == columns else {
      throw .notSquare(rows: rows, columns: columns)
    }
    let lu = LUDecomposition(self)
    if lu.zeroPivot != nil {
      throw .singular(rank: QRDecomposition(self).rank, size: rows)
    }
    var result = Matrix(rows: rows, columns: rows)
    for j in 0..<rows {
      var e = [Double](repeating: 0, count: rows)
      e[j] = 1
      result.setColumn(j, to: lu.solve(e))
    }
    return result
  }

  /// The Moore–Penrose pseudo-inverse `V·Σ⁺·Uᵀ` from the singular value decomposition.
  ///
  /// Singular values `<= relativeTolerance × σ_max` are treated as zero. The default
  /// `max(m, n) · ε` matches `numpy.linalg.pinv`'s default `rtol`.
  ///
  /// - Complexity: O(m·n·min(m, n)) per Jacobi sweep.
  public func pseudoInverse(relativeTolerance: Double? = nil) -> Matrix {
    let svd = SingularValueDecomposition(self)
    let rtol = relativeTolerance ?? Double(Swift.max(rows, columns)) * .ulpOfOne
    let cutoff = (svd.singularValues.first ?? 0) * rtol
    let kept = svd.singularValues.indices.filter { svd.singularValues[$0] > cutoff }
    // V₁·diag(1/σ) (n×r) times U₁ᵀ (r×m).
    var scaledV = svd.v.selectingColumns(kept)
    for (position, index) in kept.enumerated() {
      let inverseSigma = 1 / svd.singularValues[index]
      for i in 0..<scaledV.rows { scaledV[i, position] *= inverseSigma }
    }
    return scaledV.multiplied(by: svd.u.selectingColumns(kept).transposed())
  }

  /// The inverse of a symmetric matrix, exactly symmetric.
  ///
  /// Uses the Cholesky factorisation when the matrix is positive definite (the usual case for
  /// Gram and covariance matrices) and otherwise falls back to LU with partial pivoting,
  /// symmetrising the result.
  ///
  /// - Complexity: O(n³).
  /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)`` for a non-square matrix;
  ///   ``LinearAlgebraError/singular(rank:size:)`` when the LU fallback meets a zero pivot.
  public func symmetricInverse() throws(LinearAlgebraError) -> Matrix {
    guard rows == columns else {
      throw .notSquare(rows: rows, columns: columns)
    }
    if let cholesky = try? CholeskyDecomposition(self) {
      return cholesky.inverse()
    }
    return try inverse().symmetrized()
  }
}
