import LinearAlgebra

/// linearmodels' two constant rules (they answer different questions).
enum ConstantDetection {
  /// `has_constant`: a constant column, or a constant in the column span (for
  /// example a full set of dummies). Decides whether R² is centred.
  ///
  /// The span test projects a column of ones on X and accepts when
  /// ‖1 − P1‖/√n ≤ √ε, linearmodels' tolerance.
  static func hasConstant(_ x: Matrix, qr: QRDecomposition) -> Bool {
    if firstConstantColumn(x) != nil { return true }
    let n = x.rows
    guard n > 0 else { return false }
    let residual = qr.residuals([Double](repeating: 1, count: n))
    return (Vector.sumOfSquares(residual) / Double(n)).squareRoot() <= Double.ulpOfOne.squareRoot()
  }

  /// `find_constant`: the first column whose values are all equal and non-zero
  /// (peak-to-peak 0). Decides which column the model F-test leaves out.
  static func firstConstantColumn(_ x: Matrix) -> Int? {
    for j in 0..<x.columns {
      let column = x.column(j)
      guard let first = column.first, first != 0 else { continue }
      if column.allSatisfy({ $0 == first }) { return j }
    }
    return nil
  }
}
