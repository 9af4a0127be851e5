import Dispatch
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
  /// - Parameter twoValuedAsBits: store columns that take exactly two values as bit sets
  ///   and compute their cross-products from counts (``FoldBlock``); `false` treats every
  ///   column as general (for tests of the two routes).
  /// - Throws: the data errors of ``GramStatistics/init(x:y:)``.
  init(x: Matrix, y: [Double], folds: CrossValidationFolds, twoValuedAsBits: Bool = true) throws {
    guard x.rows > 0 else { throw PenalizedError.noObservations }
    guard y.count == x.rows else { throw PenalizedError.mismatchedSizes(what: "y", expected: x.rows, found: y.count) }
    guard folds.labels.count == x.rows else {
      throw PenalizedError.mismatchedSizes(what: "fold ids", expected: x.rows, found: folds.labels.count)
    }
    let n = x.rows, p = x.columns, k = folds.count
    let summaries = try Self.summarize(x)
    try InputChecks.finite(y, name: "y")
    let shift = summaries.map(\.shift)
    let responseShift = GramStatistics.centre(of: y[...])
    let scatter = FoldScatter(
      rows: n, columns: p, folds: folds, twoValues: summaries.map { twoValuedAsBits ? $0.twoValues : nil })
    defer { scatter.deallocate() }
    // One sequential pass over every column (y is column p) writes each fold's block;
    // columns are shared out between cores.
    x.storage.withUnsafeBufferPointer { xs in
      y.withUnsafeBufferPointer { ys in
        guard let xBase = xs.baseAddress, let yBase = ys.baseAddress else { return }
        let source = FoldScatter.Source(x: xBase, y: yBase)
        let jobs = min(p + 1, 8)
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
          for j in stride(from: job, to: p + 1, by: jobs) {
            scatter.scatter(column: j < p ? source.x + j * n : source.y, into: j, shift: j < p ? shift[j] : responseShift)
          }
        }
      }
    }
    typealias Part = (statistics: GramStatistics, minima: [Double], maxima: [Double], yRange: (Double, Double))
    let parts: [Part] = try Parallel.map(k) { f in
      let block = scatter.take(fold: f)
      let statistics = block.statistics(shift: shift, responseShift: responseShift)
      try statistics.checkFinite()
      return (
        statistics, Array(block.minima[0..<p]), Array(block.maxima[0..<p]), (block.minima[p], block.maxima[p])
      )
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

extension FoldStatistics {
  /// What one pass over a column of X tells: its shift (``GramStatistics``'s centre) and
  /// its two values when it takes exactly two.
  struct ColumnSummary: Sendable {
    var shift: Double
    var twoValues: (Double, Double)?
  }

  /// Checks every column of `x` for NaN and infinities and summarises it, columns spread
  /// over the cores.
  ///
  /// - Throws: ``PenalizedError/nonFiniteValue(variable:row:value:)`` for the first
  ///   non-finite entry in column-major order (as ``InputChecks/finite(_:)``).
  static func summarize(_ x: Matrix) throws -> [ColumnSummary] {
    let n = x.rows, p = x.columns
    let jobs = min(max(p, 1), 8)
    let perJob: [[Result<ColumnSummary, PenalizedError>]] = try Parallel.map(jobs) { job in
      stride(from: job, to: p, by: jobs).map { j in
        x.storage.withUnsafeBufferPointer { all in
          summarize(UnsafeBufferPointer(rebasing: all[(j * n)..<((j + 1) * n)]), column: j)
        }
      }
    }
    // Column j is the (j / jobs)-th of job j mod jobs; errors surface in column order.
    return try (0..<p).map { j in try perJob[j % jobs][j / jobs].get() }
  }

  /// One column's summary: a branch-free pass for the extremes and the sum (random 0/1
  /// data would defeat branch prediction), then, when there are two extremes, a pass
  /// counting the values equal to neither. A non-finite sum sends it to a scan for the
  /// first NaN or infinity. The shift is the mean summed in four lanes (any shift gives
  /// exact statistics; the mean keeps them well conditioned), or the common value of a
  /// constant column.
  private static func summarize(
    _ column: UnsafeBufferPointer<Double>, column j: Int
  ) -> Result<ColumnSummary, PenalizedError> {
    // Four independent lanes, so the additions pipeline.
    var l0 = column[0], l1 = l0, l2 = l0, l3 = l0
    var h0 = l0, h1 = l0, h2 = l0, h3 = l0
    var t0 = 0.0, t1 = 0.0, t2 = 0.0, t3 = 0.0
    let count = column.count
    var i = 0
    while i &+ 4 <= count {
      let a = column[i], b = column[i &+ 1], c = column[i &+ 2], d = column[i &+ 3]
      l0 = min(l0, a)
      l1 = min(l1, b)
      l2 = min(l2, c)
      l3 = min(l3, d)
      h0 = max(h0, a)
      h1 = max(h1, b)
      h2 = max(h2, c)
      h3 = max(h3, d)
      t0 += a
      t1 += b
      t2 += c
      t3 += d
      i &+= 4
    }
    while i < count {
      l0 = min(l0, column[i])
      h0 = max(h0, column[i])
      t0 += column[i]
      i &+= 1
    }
    let low = min(min(l0, l1), min(l2, l3)), high = max(max(h0, h1), max(h2, h3))
    let total = (t0 + t1) + (t2 + t3)
    if !(total.isFinite && low.isFinite && high.isFinite) {
      for (i, v) in column.enumerated() where !v.isFinite {
        return .failure(.nonFiniteValue(variable: "column \(j + 1) of x", row: i + 1, value: v))
      }
    }
    if low == high { return .success(ColumnSummary(shift: column[0], twoValues: nil)) }
    var others = 0
    for v in column { others &+= (v == low ? 0 : 1) & (v == high ? 0 : 1) }
    return .success(ColumnSummary(shift: total / Double(column.count), twoValues: others == 0 ? (low, high) : nil))
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
