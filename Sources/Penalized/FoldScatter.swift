/// Scratch space that splits the columns of the data into one column-major block per
/// cross-validation fold, in a single sequential pass over each column.
///
/// Reading a fold's rows straight from a column-major matrix would stream the whole
/// matrix once per fold; scattering column by column reads it once. Each column is
/// written by one thread only, into disjoint places of the fold blocks, which is what
/// makes sharing the raw buffers between threads sound.
final class FoldScatter: @unchecked Sendable {
  /// Raw pointers to the data being scattered (valid for the duration of the pass).
  struct Source: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let y: UnsafePointer<Double>
  }

  /// The rows of each fold.
  let sizes: [Int]
  private let columns: Int
  private let foldOfRow: [Int]
  private let positionOfRow: [Int]
  /// Per fold: `sizes[f] × columns` values, column-major.
  private let blocks: [UnsafeMutablePointer<Double>]
  /// Per fold and column (`f·columns + j`): the sum of the shifted values, the smallest and
  /// the largest raw value.
  private let sums: UnsafeMutablePointer<Double>
  private let minima: UnsafeMutablePointer<Double>
  private let maxima: UnsafeMutablePointer<Double>
  /// Per fold: whether its block was already handed out and freed.
  private let taken: UnsafeMutablePointer<Bool>

  /// Scratch space for the *p* columns of X and y of `rows` rows.
  init(rows n: Int, columns p: Int, folds: CrossValidationFolds) {
    columns = p + 1
    sizes = folds.heldOutRows.map(\.count)
    var foldOfRow = [Int](repeating: 0, count: n), positionOfRow = [Int](repeating: 0, count: n)
    for (f, rows) in folds.heldOutRows.enumerated() {
      for (a, r) in rows.enumerated() {
        foldOfRow[r] = f
        positionOfRow[r] = a
      }
    }
    self.foldOfRow = foldOfRow
    self.positionOfRow = positionOfRow
    blocks = sizes.map { m in
      let block = UnsafeMutablePointer<Double>.allocate(capacity: max(1, m * (p + 1)))
      block.initialize(repeating: 0, count: max(1, m * (p + 1)))
      return block
    }
    let k = sizes.count * (p + 1)
    sums = .allocate(capacity: k)
    sums.initialize(repeating: 0, count: k)
    minima = .allocate(capacity: k)
    minima.initialize(repeating: .infinity, count: k)
    maxima = .allocate(capacity: k)
    maxima.initialize(repeating: -.infinity, count: k)
    taken = .allocate(capacity: sizes.count)
    taken.initialize(repeating: false, count: sizes.count)
  }

  /// Frees the scratch space.
  func deallocate() {
    for f in blocks.indices where !taken[f] { free(fold: f) }
    taken.deinitialize(count: sizes.count)
    taken.deallocate()
    for buffer in [sums, minima, maxima] {
      buffer.deinitialize(count: sizes.count * columns)
      buffer.deallocate()
    }
  }

  /// Writes `source[i] − shift` of every row i to its fold's block, column `j`.
  func scatter(column source: UnsafePointer<Double>, into j: Int, shift: Double) {
    let k = sizes.count
    var sum = [Double](repeating: 0, count: k)
    var low = [Double](repeating: .infinity, count: k), high = [Double](repeating: -.infinity, count: k)
    let targets = zip(blocks, sizes).map { $0 + j * $1 }
    foldOfRow.withUnsafeBufferPointer { fold in
      positionOfRow.withUnsafeBufferPointer { position in
        for i in 0..<fold.count {
          let f = fold[i], v = source[i]
          let shifted = v - shift
          targets[f][position[i]] = shifted
          sum[f] += shifted
          low[f] = min(low[f], v)
          high[f] = max(high[f], v)
        }
      }
    }
    for f in 0..<k {
      sums[f * columns + j] = sum[f]
      minima[f * columns + j] = low[f]
      maxima[f * columns + j] = high[f]
    }
  }

  /// Fold `f`'s block (moved into an array, the scratch block freed), column sums,
  /// minima and maxima. Call once per fold, after the scatter.
  func take(fold f: Int) -> (values: [Double], sums: [Double], minima: [Double], maxima: [Double]) {
    let range = (f * columns)..<((f + 1) * columns)
    let values = Array(UnsafeBufferPointer(start: blocks[f], count: sizes[f] * columns))
    free(fold: f)
    taken[f] = true
    return (values, range.map { sums[$0] }, range.map { minima[$0] }, range.map { maxima[$0] })
  }

  private func free(fold f: Int) {
    blocks[f].deinitialize(count: max(1, sizes[f] * columns))
    blocks[f].deallocate()
  }
}
