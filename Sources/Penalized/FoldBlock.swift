import LinearAlgebra

/// One fold's held-out rows as scattered by ``FoldScatter``: the general columns and y
/// shifted, as doubles; the two-valued columns as bit sets.
///
/// For a two-valued column j (values `lo < hi`, shift c) write `u = lo − c`, `w = hi − c`
/// and let `N_j` count its `hi` rows. Every sum the Gram statistics need then follows from
/// counts, exactly as the dense sums would give it but with O(*m*/64) work per pair:
///
///     s_j   = (m − N_j)·u_j + N_j·w_j
///     S_jk  = n₀₀ u_j u_k + n₀₁ u_j w_k + n₁₀ w_j u_k + n₁₁ w_j w_k     (n₁₁ = popcount(b_j ∧ b_k), …)
///     S_jz  = u_j (s_z − T_jz) + w_j T_jz,   T_jz = Σ_{i: b_ij = 1} z̃_i     (z a dense column or y)
struct FoldBlock {
  let rows: Int
  let columns: Int
  let twoValues: [(Double, Double)?]
  let denseColumns: [Int]
  let binaryColumns: [Int]
  /// `rows × denseColumns.count`, column-major, shifted.
  let dense: [Double]
  /// `words × binaryColumns.count`.
  let bits: [UInt64]
  /// Per column 0…p: sum of the shifted values (dense) or number of set bits (binary).
  let sums: [Double]
  /// Per column 0…p: the smallest and largest value.
  let minima: [Double]
  let maxima: [Double]

  /// The Gram statistics of these rows about `shift` and `responseShift`.
  func statistics(shift: [Double], responseShift: Double) -> GramStatistics {
    let p = columns, m = rows, dm = Double(m)
    let words = FoldScatter.words(m)
    let dense = denseColumns, binary = binaryColumns
    let d = dense.count
    var cross = [Double](repeating: 0, count: p * p)
    var xy = [Double](repeating: 0, count: p)
    var columnSums = [Double](repeating: 0, count: p)

    // Dense × dense (y included): one Gram product.
    let g = Matrix(rows: m, columns: d, columnMajor: self.dense).gram()
    func put(_ j: Int, _ k: Int, _ value: Double) {
      if j == p { xy[k] = value } else if k == p { xy[j] = value } else {
        cross[j + k * p] = value
        cross[k + j * p] = value
      }
    }
    for (a, j) in dense.enumerated() where j < p {
      columnSums[j] = sums[j]
      for (b, k) in dense.enumerated() where b >= a { put(j, k, g.storage[a + b * d]) }
    }
    let yy = g.storage[(d - 1) + (d - 1) * d]

    // Binary sums, binary × dense and binary × binary from counts.
    let u = binary.map { j in (twoValues[j]?.0 ?? 0) - shift[j] }
    let w = binary.map { j in (twoValues[j]?.1 ?? 0) - shift[j] }
    let ones = binary.map { sums[$0] }
    bits.withUnsafeBufferPointer { bitBuffer in
      self.dense.withUnsafeBufferPointer { values in
        guard let bitBase = bitBuffer.baseAddress, let valueBase = values.baseAddress else { return }
        for (a, j) in binary.enumerated() {
          let n1 = ones[a]
          columnSums[j] = (dm - n1) * u[a] + n1 * w[a]
          let bj = bitBase + a * words
          // T_jz for every dense column z: the sum of z̃ over the rows with the larger value.
          let totals = (0..<d).map { z in
            let values = valueBase + z &* m
            var t = 0.0
            for word in 0..<words {
              var remaining = bj[word]
              while remaining != 0 {
                t += values[word &* 64 &+ remaining.trailingZeroBitCount]
                remaining &= remaining &- 1
              }
            }
            return t
          }
          for (z, k) in dense.enumerated() {
            put(j, k, u[a] * (sums[k] - totals[z]) + w[a] * totals[z])
          }
          for b in a..<binary.count {
            let n11 = Double(FoldBlock.intersectionCount(bj, bitBase + b * words, words))
            let n10 = n1 - n11, n01 = ones[b] - n11, n00 = dm - n1 - ones[b] + n11
            let value = (n00 * u[a] * u[b] + n01 * u[a] * w[b]) + (n10 * w[a] * u[b] + n11 * w[a] * w[b])
            put(j, binary[b], value)
          }
        }
      }
    }
    return GramStatistics(
      checkedObservations: m, shift: shift, responseShift: responseShift, columnSums: columnSums,
      responseSum: sums[p], crossProducts: Matrix(rows: p, columns: p, columnMajor: cross),
      responseCrossProducts: xy, responseSumOfSquares: yy)
  }

  /// The number of bits set in both `a` and `b` over `words` words (four counters).
  @inline(__always)
  static func intersectionCount(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, _ words: Int) -> Int {
    var c0 = 0, c1 = 0, c2 = 0, c3 = 0
    var i = 0
    while i &+ 4 <= words {
      c0 &+= (a[i] & b[i]).nonzeroBitCount
      c1 &+= (a[i &+ 1] & b[i &+ 1]).nonzeroBitCount
      c2 &+= (a[i &+ 2] & b[i &+ 2]).nonzeroBitCount
      c3 &+= (a[i &+ 3] & b[i &+ 3]).nonzeroBitCount
      i &+= 4
    }
    while i < words {
      c0 &+= (a[i] & b[i]).nonzeroBitCount
      i &+= 1
    }
    return (c0 &+ c1) &+ (c2 &+ c3)
  }
}
