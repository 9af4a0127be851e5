import LinearAlgebra

/// The Gram statistics of every cross-validation fold's held-out rows, and of their
/// union, from a single pass over the data.
///
/// All parts are taken about the same shift (the full data's column means), so the
/// whole is the sum of the parts and a fold's training statistics are the whole minus
/// its held-out part: one O(*n* *p*²) pass instead of one per fold.
///
/// Subtraction cannot tell an exactly constant training column from one with a tiny
/// variance, so the per-fold minima and maxima are kept too: a column (or y) that is
/// constant on a fold's training rows is recognised exactly, as glmnet does on the
/// training data itself.
struct FoldStatistics: Sendable {
  /// The statistics of all rows (the sum of the parts).
  let whole: GramStatistics
  /// The statistics of each fold's held-out rows.
  let heldOut: [GramStatistics]
  /// Per fold, per column, the smallest and largest held-out value.
  private let minima: [[Double]], maxima: [[Double]]
  /// Per fold, the smallest and largest held-out y.
  private let responseMinima: [Double], responseMaxima: [Double]

  /// Computes the statistics, the folds in parallel.
  ///
  /// - Throws: the data errors of ``GramStatistics/init(x:y:)``.
  init(x: Matrix, y: [Double], folds: CrossValidationFolds) throws {
    try InputChecks.data(x, y)
    guard folds.labels.count == x.rows else {
      throw PenalizedError.mismatchedSizes(what: "fold ids", expected: x.rows, found: folds.labels.count)
    }
    let n = x.rows, p = x.columns
    let shift = (0..<p).map { j in GramStatistics.centre(of: x.storage[(j * n)..<((j + 1) * n)]) }
    let responseShift = GramStatistics.centre(of: y[...])
    typealias Part = (statistics: GramStatistics, minima: [Double], maxima: [Double], yRange: (Double, Double))
    let parts: [Part] = try Parallel.map(folds.count) { k in
      let rows = folds.heldOutRows[k]
      let m = rows.count
      var values = [Double](repeating: 0, count: m * p)
      var low = [Double](repeating: 0, count: p), high = [Double](repeating: 0, count: p)
      x.storage.withUnsafeBufferPointer { source in
        values.withUnsafeMutableBufferPointer { target in
          for j in 0..<p {
            let column = j * n, start = j * m
            var lo = Double.infinity, hi = -Double.infinity
            for (a, r) in rows.enumerated() {
              let v = source[column + r]
              target[start + a] = v
              lo = min(lo, v)
              hi = max(hi, v)
            }
            low[j] = lo
            high[j] = hi
          }
        }
      }
      let part = rows.map { y[$0] }
      let statistics = GramStatistics(
        unchecked: Matrix(rows: m, columns: p, columnMajor: values), y: part, shift: shift,
        responseShift: responseShift)
      try statistics.checkFinite()
      return (statistics, low, high, (part.min() ?? 0, part.max() ?? 0))
    }
    heldOut = parts.map(\.statistics)
    minima = parts.map(\.minima)
    maxima = parts.map(\.maxima)
    responseMinima = parts.map(\.yRange.0)
    responseMaxima = parts.map(\.yRange.1)
    whole = try GramStatistics.sum(heldOut)
  }

  /// The statistics of fold `k`'s training rows (all rows but the held-out ones).
  ///
  /// A column whose training values are all equal gets that value as its shift and
  /// exactly zero sums, so the solvers leave it out as they would on the training data.
  ///
  /// - Parameter rejectingConstantResponse: throw when y is constant on the training rows
  ///   (glmnet cannot standardise it); otherwise y is re-expressed about its value, so
  ///   its centred sums are exactly 0 (scikit-learn then fits all-zero coefficients).
  /// - Throws: ``PenalizedError/constantResponse`` when y is constant on the training
  ///   rows and `rejectingConstantResponse` (glmnet's "y is constant" in that fold), the
  ///   errors of ``GramStatistics/subtracting(_:)``.
  func training(_ k: Int, rejectingConstantResponse: Bool = true) throws -> GramStatistics {
    let others = heldOut.indices.filter { $0 != k }
    let yLow = others.map { responseMinima[$0] }.min() ?? 0
    let yHigh = others.map { responseMaxima[$0] }.max() ?? 0
    if yLow == yHigh && rejectingConstantResponse { throw PenalizedError.constantResponse }
    var statistics = try whole.subtracting(heldOut[k])
    if yLow == yHigh { statistics = statistics.replacingConstantResponse(value: yLow) }
    for j in 0..<whole.columns {
      let low = others.map { minima[$0][j] }.min() ?? 0
      let high = others.map { maxima[$0][j] }.max() ?? 0
      if low == high { statistics = statistics.replacingConstantColumn(j, value: low) }
    }
    return statistics
  }
}

extension GramStatistics {
  /// The sum of statistics over disjoint sets of rows, all taken about the same shift.
  ///
  /// - Throws: ``PenalizedError/incompatibleStatistics(_:)`` for no parts or different
  ///   shapes or shifts, ``PenalizedError/overflow`` when a sum overflows.
  static func sum(_ parts: [GramStatistics]) throws -> GramStatistics {
    guard let first = parts.first else { throw PenalizedError.incompatibleStatistics("there are no parts to add") }
    let p = first.columns
    var observations = 0
    var columnSums = [Double](repeating: 0, count: p), cross = [Double](repeating: 0, count: p * p)
    var responseCross = [Double](repeating: 0, count: p)
    var responseSum = 0.0, responseSquares = 0.0
    for part in parts {
      guard part.columns == p && part.shift == first.shift && part.responseShift == first.responseShift else {
        throw PenalizedError.incompatibleStatistics("the parts are taken about different shifts")
      }
      observations += part.observations
      for j in 0..<p {
        columnSums[j] += part.columnSums[j]
        responseCross[j] += part.responseCrossProducts[j]
      }
      part.crossProducts.storage.withUnsafeBufferPointer { source in
        cross.withUnsafeMutableBufferPointer { target in
          if let s = source.baseAddress, let t = target.baseAddress { VectorKernels.axpy(1, s, t, p * p) }
        }
      }
      responseSum += part.responseSum
      responseSquares += part.responseSumOfSquares
    }
    let total = GramStatistics(
      checkedObservations: observations, shift: first.shift, responseShift: first.responseShift,
      columnSums: columnSums, responseSum: responseSum, crossProducts: Matrix(rows: p, columns: p, columnMajor: cross),
      responseCrossProducts: responseCross, responseSumOfSquares: responseSquares)
    try total.checkFinite()
    return total
  }

  /// The same statistics for rows on which column `j` equals `value` everywhere: the
  /// column is re-expressed about `value`, so its sums and cross-products are exactly 0.
  func replacingConstantColumn(_ j: Int, value: Double) -> GramStatistics {
    let p = columns
    var shift = self.shift, columnSums = self.columnSums, responseCross = responseCrossProducts
    var cross = crossProducts.storage
    shift[j] = value
    columnSums[j] = 0
    responseCross[j] = 0
    for k in 0..<p {
      cross[j + k * p] = 0
      cross[k + j * p] = 0
    }
    return GramStatistics(
      checkedObservations: observations, shift: shift, responseShift: responseShift, columnSums: columnSums,
      responseSum: responseSum, crossProducts: Matrix(rows: p, columns: p, columnMajor: cross),
      responseCrossProducts: responseCross, responseSumOfSquares: responseSumOfSquares)
  }

  /// The same statistics for rows on which y equals `value` everywhere: y is re-expressed
  /// about `value`, so its sums and cross-products are exactly 0.
  func replacingConstantResponse(value: Double) -> GramStatistics {
    GramStatistics(
      checkedObservations: observations, shift: shift, responseShift: value, columnSums: columnSums,
      responseSum: 0, crossProducts: crossProducts,
      responseCrossProducts: [Double](repeating: 0, count: columns), responseSumOfSquares: 0)
  }

  /// `Σᵢ (yᵢ − β₀ − xᵢᵀβ)²` over the rows these statistics sum, from the sums alone.
  ///
  /// With d = c_y − β₀ − cᵀβ (c the shift): `S_yy − 2βᵀS_xy + βᵀSβ + 2d(s_y − sᵀβ) + n d²`,
  /// summed over the non-zero coefficients only. Never negative.
  ///
  /// - Precondition: `coefficients.count == columns`.
  func squaredError(intercept: Double, coefficients beta: [Double]) -> Double {
    let p = columns
    let active = beta.indices.filter { beta[$0] != 0 }
    var d = responseShift - intercept
    var xy = 0.0, sb = 0.0, quadratic = 0.0
    crossProducts.storage.withUnsafeBufferPointer { s in
      for k in active {
        let bk = beta[k]
        d -= shift[k] * bk
        xy += bk * responseCrossProducts[k]
        sb += bk * columnSums[k]
        var row = 0.0
        for j in active { row += s[j + k * p] * beta[j] }
        quadratic += bk * row
      }
    }
    let total =
      responseSumOfSquares - 2 * xy + quadratic + 2 * d * (responseSum - sb) + Double(observations) * d * d
    return max(0, total)
  }
}
