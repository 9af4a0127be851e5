public import LinearAlgebra

/// The sufficient statistics of a least-squares problem: sums and cross-products of the
/// columns of `X` and of `y`, taken about a fixed shift.
///
/// Every lasso solver of this module works on these numbers only (the covariance form of
/// coordinate descent), so after one O(*n* *p*²) pass over the data each coordinate
/// update costs O(*p*) whatever *n* is. With shift `c` (one value per column) and
/// `c_y`, the statistics are
///
///     n,  s = Σᵢ (xᵢ − c),  S = Σᵢ (xᵢ − c)(xᵢ − c)ᵀ,  s_y = Σᵢ (yᵢ − c_y),
///     S_xy = Σᵢ (xᵢ − c)(yᵢ − c_y),  S_yy = Σᵢ (yᵢ − c_y)²
///
/// from which both the centred Gram matrix (for fits with an intercept) and the raw one
/// (for fits without) follow exactly. Taking them about the column means keeps the
/// centred quantities accurate; a constant column is shifted by its own value, so its
/// statistics are exactly zero.
///
/// The statistics are additive over rows, which is what cross-validation needs: the
/// training part of a fold is the whole minus the held-out rows, computed with the same
/// shift (``removingRows(_:of:y:)``, ``subtracting(_:)``). Near-zero differences stay
/// accurate because the shift is close to every fold's mean.
///
/// ```swift
/// let all = try GramStatistics(x: x, y: y)
/// let training = try all.removingRows(Array(0..<40), of: x, y: y)
/// let fit = try Lasso(alpha: 0.1).fit(training)
/// ```
///
/// - Complexity: O(*n* *p*²) to build (one blocked Gram product of the shifted `[X y]`),
///   O(*p*²) memory.
public struct GramStatistics: Sendable, Equatable {
  /// The number of rows summed over (*n*).
  public let observations: Int
  /// The value subtracted from each column before summing (`c`).
  public let shift: [Double]
  /// The value subtracted from `y` before summing (`c_y`).
  public let responseShift: Double
  /// `Σᵢ (x_ij − c_j)` for each column j.
  public let columnSums: [Double]
  /// `Σᵢ (yᵢ − c_y)`.
  public let responseSum: Double
  /// `Σᵢ (xᵢ − c)(xᵢ − c)ᵀ`, *p*×*p*, symmetric.
  public let crossProducts: Matrix
  /// `Σᵢ (x_ij − c_j)(yᵢ − c_y)` for each column j.
  public let responseCrossProducts: [Double]
  /// `Σᵢ (yᵢ − c_y)²`.
  public let responseSumOfSquares: Double

  /// The number of columns of `X` (*p*).
  public var columns: Int { shift.count }

  /// The statistics of `x` and `y` about their means.
  ///
  /// A column whose entries are all equal is shifted by that value instead of its
  /// computed mean, so its sums are exactly zero (and it is recognised as constant).
  ///
  /// - Throws: ``PenalizedError/noObservations`` for an empty `x`,
  ///   ``PenalizedError/mismatchedSizes(what:expected:found:)`` when `y.count != x.rows`,
  ///   ``PenalizedError/nonFiniteValue(variable:row:value:)`` for NaN or infinite data,
  ///   ``PenalizedError/overflow`` when the sums of squares overflow.
  public init(x: Matrix, y: [Double]) throws {
    try InputChecks.data(x, y)
    let n = x.rows
    let shift = (0..<x.columns).map { j in
      GramStatistics.centre(of: x.storage[(j * n)..<((j + 1) * n)])
    }
    self.init(unchecked: x, y: y, shift: shift, responseShift: GramStatistics.centre(of: y[...]))
    try checkFinite()
  }

  /// The statistics of `x` and `y` about a given shift (for instance the full data's
  /// means, when these rows are a fold to be removed from the whole).
  ///
  /// - Throws: the errors of ``init(x:y:)``, ``PenalizedError/mismatchedSizes(what:expected:found:)``
  ///   when `shift` does not have one value per column, and
  ///   ``PenalizedError/nonFiniteValue(variable:row:value:)`` for a non-finite shift.
  public init(x: Matrix, y: [Double], shift: [Double], responseShift: Double) throws {
    try InputChecks.data(x, y)
    guard shift.count == x.columns else {
      throw PenalizedError.mismatchedSizes(what: "shift", expected: x.columns, found: shift.count)
    }
    try InputChecks.finite(shift, name: "shift")
    try InputChecks.finite([responseShift], name: "responseShift")
    self.init(unchecked: x, y: y, shift: shift, responseShift: responseShift)
    try checkFinite()
  }

  /// Statistics from precomputed parts, for example a Gram matrix `XᵀX` and `Xᵀy`
  /// accumulated elsewhere (pass a zero shift, the column sums `Xᵀ1` and `Σ y`).
  ///
  /// - Throws: ``PenalizedError/noObservations`` when `observations < 1`,
  ///   ``PenalizedError/mismatchedSizes(what:expected:found:)`` when the parts do not all
  ///   have `shift.count` columns (`crossProducts` square), and
  ///   ``PenalizedError/nonFiniteValue(variable:row:value:)`` for a non-finite entry.
  public init(
    observations: Int, shift: [Double], responseShift: Double, columnSums: [Double], responseSum: Double,
    crossProducts: Matrix, responseCrossProducts: [Double], responseSumOfSquares: Double
  ) throws {
    guard observations >= 1 else { throw PenalizedError.noObservations }
    let p = shift.count
    for (name, count) in [
      ("columnSums", columnSums.count), ("responseCrossProducts", responseCrossProducts.count),
      ("crossProducts rows", crossProducts.rows), ("crossProducts columns", crossProducts.columns),
    ] where count != p {
      throw PenalizedError.mismatchedSizes(what: name, expected: p, found: count)
    }
    try InputChecks.finite(shift, name: "shift")
    try InputChecks.finite(columnSums, name: "columnSums")
    try InputChecks.finite(responseCrossProducts, name: "responseCrossProducts")
    try InputChecks.finite(crossProducts.storage, name: "crossProducts (column-major)")
    try InputChecks.finite([responseShift, responseSum, responseSumOfSquares], name: "response sums")
    self.init(
      checkedObservations: observations, shift: shift, responseShift: responseShift, columnSums: columnSums,
      responseSum: responseSum, crossProducts: crossProducts, responseCrossProducts: responseCrossProducts,
      responseSumOfSquares: responseSumOfSquares)
  }

  /// Creates statistics from their parts (no checks: used by ``subtracting(_:)``).
  init(
    checkedObservations observations: Int, shift: [Double], responseShift: Double, columnSums: [Double],
    responseSum: Double, crossProducts: Matrix, responseCrossProducts: [Double],
    responseSumOfSquares: Double
  ) {
    self.observations = observations
    self.shift = shift
    self.responseShift = responseShift
    self.columnSums = columnSums
    self.responseSum = responseSum
    self.crossProducts = crossProducts
    self.responseCrossProducts = responseCrossProducts
    self.responseSumOfSquares = responseSumOfSquares
  }

  /// Computes the statistics of validated data: one Gram product of the shifted `[X y]`.
  init(unchecked x: Matrix, y: [Double], shift: [Double], responseShift: Double) {
    let n = x.rows, p = x.columns
    var shifted = [Double](repeating: 0, count: n * (p + 1))
    var sums = [Double](repeating: 0, count: p + 1)
    shifted.withUnsafeMutableBufferPointer { target in
      x.storage.withUnsafeBufferPointer { source in
        for j in 0..<p {
          sums[j] = GramStatistics.copyShifted(source, offset: j * n, count: n, by: shift[j], into: target)
        }
      }
      y.withUnsafeBufferPointer { source in
        sums[p] = GramStatistics.copyShifted(source, offset: 0, count: n, by: responseShift, into: target, at: p * n)
      }
    }
    // One blocked, multi-accumulator Gram product of [X − c, y − c_y] gives S, S_xy and S_yy.
    let gram = Matrix(rows: n, columns: p + 1, columnMajor: shifted).gram()
    var cross = [Double](repeating: 0, count: p * p)
    for k in 0..<p {
      for j in 0..<p { cross[j + k * p] = gram.storage[j + k * (p + 1)] }
    }
    self.init(
      checkedObservations: n, shift: shift, responseShift: responseShift,
      columnSums: Array(sums[0..<p]), responseSum: sums[p],
      crossProducts: Matrix(rows: p, columns: p, columnMajor: cross),
      responseCrossProducts: (0..<p).map { gram.storage[$0 + p * (p + 1)] },
      responseSumOfSquares: gram.storage[p + p * (p + 1)])
  }

  /// Writes `source[offset ..< offset + count] − c` to `target` from `at` (default: the
  /// same offset) and returns the sum of the written values (two accumulators).
  private static func copyShifted(
    _ source: UnsafeBufferPointer<Double>, offset: Int, count: Int, by c: Double,
    into target: UnsafeMutableBufferPointer<Double>, at start: Int? = nil
  ) -> Double {
    let destination = start ?? offset
    var s0 = 0.0, s1 = 0.0
    var i = 0
    while i + 2 <= count {
      let a = source[offset + i] - c, b = source[offset + i + 1] - c
      target[destination + i] = a
      target[destination + i + 1] = b
      s0 += a
      s1 += b
      i += 2
    }
    if i < count {
      let a = source[offset + i] - c
      target[destination + i] = a
      s0 += a
    }
    return s0 + s1
  }

  /// The statistics of the rows that are in `self` but not in `part`: every sum minus
  /// the corresponding sum of `part`.
  ///
  /// - Throws: ``PenalizedError/incompatibleStatistics(_:)`` when the column counts or
  ///   the shifts differ, or when `part` has as many rows as `self` or more.
  public func subtracting(_ part: GramStatistics) throws -> GramStatistics {
    guard part.columns == columns else {
      throw PenalizedError.incompatibleStatistics("\(part.columns) columns against \(columns)")
    }
    guard part.shift == shift && part.responseShift == responseShift else {
      throw PenalizedError.incompatibleStatistics("they are taken about different shifts")
    }
    guard part.observations < observations else {
      throw PenalizedError.incompatibleStatistics(
        "removing \(part.observations) of \(observations) rows leaves none")
    }
    return GramStatistics(
      checkedObservations: observations - part.observations, shift: shift, responseShift: responseShift,
      columnSums: zip(columnSums, part.columnSums).map { $0 - $1 },
      responseSum: responseSum - part.responseSum,
      crossProducts: crossProducts - part.crossProducts,
      responseCrossProducts: zip(responseCrossProducts, part.responseCrossProducts).map { $0 - $1 },
      responseSumOfSquares: responseSumOfSquares - part.responseSumOfSquares)
  }

  /// The statistics without the given rows of the data they were computed from (the
  /// training part of a cross-validation fold whose held-out rows are `rows`).
  ///
  /// The removed rows' statistics are computed about this value's shift and subtracted,
  /// which costs O(*m* *p*²) for *m* removed rows instead of a pass over the rest.
  ///
  /// - Parameters:
  ///   - rows: zero-based row indices of `x`, without repeats.
  ///   - x: the data matrix (the same one these statistics were computed from).
  ///   - y: the response.
  /// - Throws: ``PenalizedError/indexOutOfRange(what:index:count:)`` for a bad row,
  ///   ``PenalizedError/invalidParameter(name:value:requirement:)`` for a repeated row or
  ///   no rows, the data errors of ``init(x:y:)`` and the errors of ``subtracting(_:)``.
  public func removingRows(_ rows: [Int], of x: Matrix, y: [Double]) throws -> GramStatistics {
    guard x.columns == columns else {
      throw PenalizedError.mismatchedSizes(what: "x columns", expected: columns, found: x.columns)
    }
    guard y.count == x.rows else {
      throw PenalizedError.mismatchedSizes(what: "y", expected: x.rows, found: y.count)
    }
    guard !rows.isEmpty else {
      throw PenalizedError.invalidParameter(name: "rows", value: "[]", requirement: "at least one row index")
    }
    var seen = [Bool](repeating: false, count: x.rows)
    for r in rows {
      guard r >= 0 && r < x.rows else { throw PenalizedError.indexOutOfRange(what: "row", index: r, count: x.rows) }
      guard !seen[r] else {
        throw PenalizedError.invalidParameter(name: "rows", value: "\(r) twice", requirement: "distinct row indices")
      }
      seen[r] = true
    }
    var values = [Double](repeating: 0, count: rows.count * columns)
    for j in 0..<columns {
      for (a, r) in rows.enumerated() { values[a + j * rows.count] = x.storage[r + j * x.rows] }
    }
    let part = try GramStatistics(
      x: Matrix(rows: rows.count, columns: columns, columnMajor: values), y: rows.map { y[$0] },
      shift: shift, responseShift: responseShift)
    return try subtracting(part)
  }

  /// Throws ``PenalizedError/overflow`` unless every sum is finite.
  func checkFinite() throws(PenalizedError) {
    let finite =
      responseSumOfSquares.isFinite && responseSum.isFinite && columnSums.allSatisfy(\.isFinite)
      && responseCrossProducts.allSatisfy(\.isFinite) && crossProducts.storage.allSatisfy(\.isFinite)
    guard finite else { throw .overflow }
  }

  /// The mean of `values`, or their common value when they are all equal (so a constant
  /// column is shifted exactly to zero).
  static func centre(of values: ArraySlice<Double>) -> Double {
    guard let first = values.first else { return 0 }
    if values.allSatisfy({ $0 == first }) { return first }
    var total = 0.0
    for v in values { total += v }
    return total / Double(values.count)
  }
}
