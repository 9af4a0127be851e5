import LinearAlgebra

/// Mergeable sufficient statistics of a column block `A` (n×d) whose rows fall into groups:
/// the rows per group, the group means of every column, and the triangular factor `R` of the
/// within-group deviations `Ã` (`ÃᵀÃ = RᵀR`).
///
/// Every least-squares quantity of a model whose intercept and categorical factor are the
/// groups can be computed from these (Frisch–Waugh–Lovell: partialling out the group
/// indicators is subtracting group means), with Householder accuracy because `R` comes from
/// QR factorisations, never from a cross-product matrix.
///
/// Statistics of disjoint row sets merge exactly, Chan et al.'s pairwise update in QR form:
/// the deviations from the merged means are the parts' deviations plus, for each part and
/// group, `n_pg` copies of `m_pg − m_g`, so `R` of the union is the factor of the stacked
/// parts' factors and the rows `√n_pg·(m_pg − m_g)`. Row chunks are therefore reduced on
/// several cores, or one piece of a file at a time, and combined.
struct WithinMoments: Sendable {
  /// d: the number of columns.
  let columns: Int
  /// The number of groups.
  let groupCount: Int
  /// Rows per group.
  var counts: [Int]
  /// Group means, group-major: `means[g * columns + j]`.
  var means: [Double]
  /// The d×d upper-triangular factor of the within-group deviations, column-major.
  var r: [Double]

  /// The number of rows summarised.
  var rowCount: Int { counts.reduce(0, +) }

  /// The statistics of `rows` of the n×d column-major block `data`, `codes` giving each
  /// row's group (0..<groupCount).
  init(data: UnsafeBufferPointer<Double>, rowCount n: Int, columns d: Int, codes: UnsafeBufferPointer<Int32>, groupCount: Int, rows: Range<Int>) {
    self.columns = d
    self.groupCount = groupCount
    var counts = [Int](repeating: 0, count: groupCount)
    for i in rows { counts[Int(codes[i])] += 1 }
    var sums = [Double](repeating: 0, count: groupCount * d)
    for j in 0..<d {
      let column = j * n
      for i in rows { sums[Int(codes[i]) * d + j] += data[column + i] }
    }
    for g in 0..<groupCount where counts[g] > 0 {
      let inverse = 1 / Double(counts[g])
      for j in 0..<d { sums[g * d + j] *= inverse }
    }
    let m = rows.count
    var centred = [Double](repeating: 0, count: m * d)
    for j in 0..<d {
      let column = j * n
      for (k, i) in rows.enumerated() { centred[k + j * m] = data[column + i] - sums[Int(codes[i]) * d + j] }
    }
    self.counts = counts
    self.means = sums
    self.r = TriangularFactor.householder(&centred, rows: m, columns: d)
  }

  init(columns: Int, groupCount: Int, counts: [Int], means: [Double], r: [Double]) {
    self.columns = columns
    self.groupCount = groupCount
    self.counts = counts
    self.means = means
    self.r = r
  }

  /// The statistics of the union of the parts' rows (disjoint sets, same columns and groups).
  static func merging(_ parts: [WithinMoments]) -> WithinMoments? {
    guard let first = parts.first else { return nil }
    if parts.count == 1 { return first }
    let d = first.columns, groups = first.groupCount
    var counts = [Int](repeating: 0, count: groups)
    var means = [Double](repeating: 0, count: groups * d)
    for part in parts {
      for g in 0..<groups where part.counts[g] > 0 {
        counts[g] += part.counts[g]
        // Running weighted mean: m += (n_p / n)(m_p − m).
        let weight = Double(part.counts[g]) / Double(counts[g])
        for j in 0..<d { means[g * d + j] += weight * (part.means[g * d + j] - means[g * d + j]) }
      }
    }
    var extra: [[Double]] = []
    for part in parts {
      for g in 0..<groups where part.counts[g] > 0 && part.counts[g] < counts[g] {
        let scale = Double(part.counts[g]).squareRoot()
        extra.append((0..<d).map { j in scale * (part.means[g * d + j] - means[g * d + j]) })
      }
    }
    let r = TriangularFactor.stacking(parts.map(\.r), extraRows: extra, columns: d)
    return WithinMoments(columns: d, groupCount: groups, counts: counts, means: means, r: r)
  }

  /// The statistics of a whole n×d block, reduced in row chunks on every core.
  static func summarising(_ data: Matrix, codes: [Int32], groupCount: Int) -> WithinMoments? {
    let n = data.rows, d = data.columns
    guard n > 0 else { return nil }
    // Chunks of about 32 768 rows (a few MB per chunk), at least one per core.
    let chunkCount = max(1, min(n / 4096, max(n / 32_768, 2 * Parallel.cores)))
    let parts: [WithinMoments] =
      (try? Parallel.map(chunkCount) { chunk in
        let rows = Parallel.slice(n, part: chunk, of: chunkCount)
        return data.columnMajorValues.withUnsafeBufferPointer { values in
          codes.withUnsafeBufferPointer { codes in
            WithinMoments(data: values, rowCount: n, columns: d, codes: codes, groupCount: groupCount, rows: rows)
          }
        }
      }) ?? []
    return merging(parts)
  }

  /// The factor `R` as a d×d matrix: pseudo-data with the within deviations' inner products.
  var factor: Matrix { Matrix(rows: columns, columns: columns, columnMajor: r) }

  /// Σ(a − ā_g)² of column `j`: its within-group sum of squares, from the factor.
  func withinSumOfSquares(ofColumn j: Int) -> Double {
    var within = 0.0
    for i in 0...j { within += r[i + j * columns] * r[i + j * columns] }
    return within
  }

  /// Σ(a − ā)² and Σa² of column `j`: the within sum of squares plus the groups' parts.
  func sumsOfSquares(ofColumn j: Int) -> (centred: Double, uncentred: Double) {
    let within = withinSumOfSquares(ofColumn: j)
    let n = Double(rowCount)
    var grand = 0.0
    for g in 0..<groupCount { grand += Double(counts[g]) * means[g * columns + j] }
    grand /= n
    var between = 0.0, uncentred = within
    for g in 0..<groupCount {
      let mean = means[g * columns + j]
      between += Double(counts[g]) * (mean - grand) * (mean - grand)
      uncentred += Double(counts[g]) * mean * mean
    }
    return (within + between, uncentred)
  }

  /// The group means of column `j`.
  func means(ofColumn j: Int) -> [Double] { (0..<groupCount).map { means[$0 * columns + j] } }
}
