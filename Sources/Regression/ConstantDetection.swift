import LinearAlgebra

/// linearmodels 7.1's two constant rules (they answer different questions).
enum ConstantDetection {
  /// `has_constant`: whether the columns contain or span a constant, and where.
  ///
  /// An explicit constant is the first column of ones, else the first other
  /// single-valued non-zero column. Otherwise the columns, each scaled to a
  /// largest absolute value of 1, span a constant when the least-squares
  /// residual of a column of ones on them has ‖r‖/√n ≤ √ε (and their rank is
  /// below n); its location is then the column with the smallest variance
  /// relative to its peak (for X̂ = P_Z X, the projected intercept).
  /// Decides R² centring and which score column the automatic kernel bandwidth leaves out.
  static func constant(in x: Matrix) -> (present: Bool, location: Int?) {
    let n = x.rows
    guard n > 0 else { return (false, nil) }
    let columns = (0..<x.columns).map { x.column($0) }
    if let ones = columns.firstIndex(where: { $0.allSatisfy { $0 == 1 } }) { return (true, ones) }
    if let single = firstConstantColumn(x) { return (true, single) }
    let peaks = columns.map { $0.reduce(0) { max($0, abs($1)) } }
    let nonzero = peaks.indices.filter { peaks[$0] != 0 }
    guard !nonzero.isEmpty else { return (false, nil) }
    let scaled = Matrix(columns: nonzero.map { j in columns[j].map { $0 / peaks[j] } })
    let qr = QRDecomposition(scaled)
    guard qr.rank < n else { return (false, nil) }
    let residual = qr.residuals([Double](repeating: 1, count: n))
    guard (Vector.sumOfSquares(residual) / Double(n)).squareRoot() <= Double.ulpOfOne.squareRoot() else {
      return (false, nil)
    }
    let location = nonzero.min { a, b in
      variance(columns[a]) / peaks[a] < variance(columns[b]) / peaks[b]
    }
    return (true, location)
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

  /// The population variance (divisor n), as numpy's `var`.
  private static func variance(_ x: [Double]) -> Double {
    let mean = Vector.sum(x) / Double(x.count)
    return Vector.sumOfSquares(x.map { $0 - mean }) / Double(x.count)
  }
}
