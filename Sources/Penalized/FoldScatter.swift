/// Scratch space that splits the columns of the data into one block per cross-validation
/// fold, in a single sequential pass over each column.
///
/// Reading a fold's rows straight from a column-major matrix would stream the whole
/// matrix once per fold; scattering column by column reads it once. Columns that take
/// exactly two values (dummies, A/B assignments) are stored as bit sets — one bit per row,
/// set where the column has its larger value — so their cross-products are counts
/// (``FoldBlock``); the other columns and y are stored shifted, as doubles. Each column
/// is written by one thread only, into disjoint places of the fold blocks, which is what
/// makes sharing the raw buffers between threads sound.
final class FoldScatter: @unchecked Sendable {
  /// Raw pointers to the data being scattered (valid for the duration of the pass).
  struct Source: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let y: UnsafePointer<Double>
  }

  /// The rows of each fold.
  let sizes: [Int]
  /// The number of columns of X (y is column `columns`).
  let columns: Int
  /// The two values (smaller, larger) of each two-valued column of X, nil for the others.
  let twoValues: [(Double, Double)?]
  /// The columns stored as doubles, in order, y (`columns`) last.
  let denseColumns: [Int]
  /// The two-valued columns, in order.
  let binaryColumns: [Int]
  /// Per column 0…p: its position among the dense or the binary columns.
  private let slot: [Int]
  private let foldOfRow: [Int]
  private let positionOfRow: [Int]
  /// Per fold: `sizes[f] × denseColumns.count` doubles, column-major.
  private let denseBlocks: [UnsafeMutablePointer<Double>]
  /// Per fold: `words(f) × binaryColumns.count` bit words, one run of words per column.
  private let bitBlocks: [UnsafeMutablePointer<UInt64>]
  /// Per fold and column 0…p (`f·(p+1) + j`): the sum of the shifted values (dense
  /// columns) or the number of set bits (binary columns), the smallest and largest value.
  private let sums: UnsafeMutablePointer<Double>
  private let minima: UnsafeMutablePointer<Double>
  private let maxima: UnsafeMutablePointer<Double>
  /// Per fold: whether its blocks were already handed out and freed.
  private let taken: UnsafeMutablePointer<Bool>

  /// Scratch space for the *p* columns of X and y of `rows` rows.
  ///
  /// - Parameter twoValues: per column of X, its two values when it takes exactly two.
  init(rows n: Int, columns p: Int, folds: CrossValidationFolds, twoValues: [(Double, Double)?]) {
    columns = p
    self.twoValues = twoValues
    sizes = folds.heldOutRows.map(\.count)
    binaryColumns = (0..<p).filter { twoValues[$0] != nil }
    denseColumns = (0..<p).filter { twoValues[$0] == nil } + [p]
    var slot = [Int](repeating: 0, count: p + 1)
    for (a, j) in binaryColumns.enumerated() { slot[j] = a }
    for (a, j) in denseColumns.enumerated() { slot[j] = a }
    self.slot = slot
    var foldOfRow = [Int](repeating: 0, count: n), positionOfRow = [Int](repeating: 0, count: n)
    for (f, rows) in folds.heldOutRows.enumerated() {
      for (a, r) in rows.enumerated() {
        foldOfRow[r] = f
        positionOfRow[r] = a
      }
    }
    self.foldOfRow = foldOfRow
    self.positionOfRow = positionOfRow
    let dense = denseColumns.count, binary = binaryColumns.count
    denseBlocks = sizes.map { m in
      let block = UnsafeMutablePointer<Double>.allocate(capacity: max(1, m * dense))
      block.initialize(repeating: 0, count: max(1, m * dense))
      return block
    }
    bitBlocks = sizes.map { m in
      let count = max(1, FoldScatter.words(m) * binary)
      let block = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
      block.initialize(repeating: 0, count: count)
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

  /// The number of 64-bit words holding one bit per row of `rows` rows.
  static func words(_ rows: Int) -> Int { (rows + 63) / 64 }

  /// Frees the scratch space.
  func deallocate() {
    for f in sizes.indices where !taken[f] { free(fold: f) }
    taken.deinitialize(count: sizes.count)
    taken.deallocate()
    for buffer in [sums, minima, maxima] {
      buffer.deinitialize(count: sizes.count * (columns + 1))
      buffer.deallocate()
    }
  }

  /// Scatters column `j` (`columns` for y), whose values are `source`, shifted by `shift`
  /// when it is stored as doubles.
  func scatter(column source: UnsafePointer<Double>, into j: Int, shift: Double) {
    let k = sizes.count, stride = columns + 1
    let sum = UnsafeMutableBufferPointer<Double>.allocate(capacity: k)
    let low = UnsafeMutableBufferPointer<Double>.allocate(capacity: k)
    let high = UnsafeMutableBufferPointer<Double>.allocate(capacity: k)
    defer { for buffer in [sum, low, high] { buffer.deallocate() } }
    _ = sum.initialize(from: repeatElement(0, count: k))
    _ = low.initialize(from: repeatElement(.infinity, count: k))
    _ = high.initialize(from: repeatElement(-.infinity, count: k))
    foldOfRow.withUnsafeBufferPointer { fold in
      positionOfRow.withUnsafeBufferPointer { position in
        if j < columns, let (_, larger) = twoValues[j] {
          let targets = zip(bitBlocks, sizes).map { $0 + slot[j] * FoldScatter.words($1) }
          // Branch-free: every row ORs its bit (0 or 1) into its fold's word.
          for i in 0..<fold.count {
            let f = fold[i], r = position[i]
            let bit: UInt64 = source[i] == larger ? 1 : 0
            targets[f][r &>> 6] |= bit &<< UInt64(r & 63)
            sum[f] += Double(bit)
          }
        } else {
          let targets = zip(denseBlocks, sizes).map { $0 + slot[j] * $1 }
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
    }
    for f in 0..<k {
      if j < columns, let (smaller, larger) = twoValues[j] {
        low[f] = sum[f] < Double(sizes[f]) ? smaller : larger
        high[f] = sum[f] > 0 ? larger : smaller
      }
      sums[f * stride + j] = sum[f]
      minima[f * stride + j] = low[f]
      maxima[f * stride + j] = high[f]
    }
  }

  /// Fold `f`'s blocks (moved into a ``FoldBlock``, the scratch freed). Call once per
  /// fold, after the scatter.
  func take(fold f: Int) -> FoldBlock {
    let range = (f * (columns + 1))..<((f + 1) * (columns + 1))
    let block = FoldBlock(
      rows: sizes[f], columns: columns, twoValues: twoValues, denseColumns: denseColumns,
      binaryColumns: binaryColumns,
      dense: Array(UnsafeBufferPointer(start: denseBlocks[f], count: sizes[f] * denseColumns.count)),
      bits: Array(UnsafeBufferPointer(start: bitBlocks[f], count: FoldScatter.words(sizes[f]) * binaryColumns.count)),
      sums: range.map { sums[$0] }, minima: range.map { minima[$0] }, maxima: range.map { maxima[$0] })
    free(fold: f)
    taken[f] = true
    return block
  }

  private func free(fold f: Int) {
    denseBlocks[f].deinitialize(count: max(1, sizes[f] * denseColumns.count))
    denseBlocks[f].deallocate()
    bitBlocks[f].deinitialize(count: max(1, FoldScatter.words(sizes[f]) * binaryColumns.count))
    bitBlocks[f].deallocate()
  }
}
