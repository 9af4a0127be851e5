import LinearAlgebra

/// The sums of scores a sandwich covariance needs when the groups are absorbed, in the basis
/// of the within instruments (regressors for OLS), b of them, and L groups.
///
/// A row's score in the full model is eᵢ·[1_gᵢ ; x̂ᵢ], and the bread's inverse maps it to
/// eᵢ·[1_gᵢ/n_gᵢ − W̄H x̃̂ᵢ ; H x̃̂ᵢ] with x̃̂ᵢ = Π̃ᵀs̃ᵢ the projected within regressors
/// (s̃ᵢ the row's basis deviations from its group means). So the meat needs only
/// Σ w s̃s̃ᵀ (b×b), per group Σ w s̃ (L×b) and Σ w (L×L, diagonal) for HC0, and the same
/// built from per-cluster sums for clustered errors: never an n×k matrix of dummies.
struct AbsorbedScoreSums {
  /// Σ over rows (or clusters) of the basis part times itself: b×b.
  var basis: Matrix
  /// The group indicator part times the basis part: L×b.
  var groupBasis: Matrix
  /// The group indicator part times itself: L×L, diagonal for HC0 (each row is in one group).
  var groups: GroupPart

  /// An L×L block stored as its diagonal when it is diagonal.
  enum GroupPart {
    case diagonal([Double])
    case dense(Matrix)

    /// Entry (i, j).
    subscript(i: Int, j: Int) -> Double {
      switch self {
      case .diagonal(let d): i == j ? d[i] : 0
      case .dense(let m): m[i, j]
      }
    }

    func adding(_ other: GroupPart) -> GroupPart {
      switch (self, other) {
      case (.diagonal(let a), .diagonal(let b)):
        return .diagonal(zip(a, b).map { $0 + $1 })
      case (.dense(let a), .dense(let b)):
        return .dense(a + b)
      case (.dense(var sum), .diagonal(let d)), (.diagonal(let d), .dense(var sum)):
        for g in d.indices { sum[g, g] += d[g] }
        return .dense(sum)
      }
    }
  }

  /// HC0 sums: Σ eᵢ² s̃ᵢs̃ᵢᵀ, Σ_{i∈g} eᵢ² s̃ᵢ and Σ_{i∈g} eᵢ².
  static func heteroskedastic(
    _ regression: AbsorbedRegression, residuals e: [Double], data: Matrix, codes: [Int32]
  ) -> AbsorbedScoreSums {
    let basis = regression.basis, b = basis.count
    let groups = regression.moments.groupCount
    let ranges = chunks(data.rows)
    let parts: [AbsorbedScoreSums] = (try? Parallel.map(ranges.count) { chunk -> AbsorbedScoreSums in
      let rows = ranges[chunk]
      let deviations = regression.deviations(of: basis, data: data, codes: codes, rows: rows)
      let weights = rows.map { e[$0] * e[$0] }
      var groupBasis = Matrix(rows: groups, columns: b)
      var diagonal = [Double](repeating: 0, count: groups)
      for (k, i) in rows.enumerated() {
        let g = Int(codes[i])
        diagonal[g] += weights[k]
        for j in 0..<b { groupBasis[g, j] += weights[k] * deviations[k, j] }
      }
      return AbsorbedScoreSums(basis: deviations.weightedGram(weights), groupBasis: groupBasis, groups: .diagonal(diagonal))
    }) ?? []
    let empty = AbsorbedScoreSums(
      basis: Matrix(rows: b, columns: b), groupBasis: Matrix(rows: groups, columns: b),
      groups: .diagonal([Double](repeating: 0, count: groups)))
    return parts.reduce(empty) { $0.adding($1) }
  }

  /// Cluster sums: ξ_c = Σ_{i∈c} eᵢs̃ᵢ and E_cg = Σ_{i∈c, g} eᵢ, then Σ_c ξ_cξ_cᵀ, Σ_c E_cξ_cᵀ
  /// and Σ_c E_cE_cᵀ.
  static func clustered(
    _ regression: AbsorbedRegression, residuals e: [Double], data: Matrix, codes: [Int32],
    clusters: [Int], clusterCount: Int
  ) -> AbsorbedScoreSums {
    var totals = ClusterTotals(basis: regression.basis.count, groups: regression.moments.groupCount)
    totals.add(regression, residuals: e, data: data, codes: codes, clusters: clusters, clusterCount: clusterCount)
    return totals.sums
  }

  /// The sums of two disjoint sets of rows (or clusters).
  func adding(_ other: AbsorbedScoreSums) -> AbsorbedScoreSums {
    AbsorbedScoreSums(basis: basis + other.basis, groupBasis: groupBasis + other.groupBasis, groups: groups.adding(other.groups))
  }

  /// Row ranges of at most 65 536 rows.
  private static func chunks(_ n: Int) -> [Range<Int>] {
    stride(from: 0, to: n, by: 65_536).map { $0..<min($0 + 65_536, n) }
  }
}

/// Per-cluster totals of the scores, ξ_c = Σ_{i∈c} eᵢs̃ᵢ and E_cg = Σ_{i∈c, g} eᵢ, which add
/// up across blocks of rows (a cluster may span several); ``sums`` forms the products.
struct ClusterTotals {
  let basis: Int, groups: Int
  /// clusters × basis, row-major.
  private(set) var xi: [Double] = []
  /// clusters × groups, row-major.
  private(set) var perGroup: [Double] = []
  /// The clusters seen so far.
  private(set) var clusterCount = 0

  init(basis: Int, groups: Int) {
    self.basis = basis
    self.groups = groups
  }

  /// Adds the rows of `data`, `clusters` giving each row's cluster (0..<clusterCount, which
  /// may exceed the clusters seen so far).
  mutating func add(
    _ regression: AbsorbedRegression, residuals e: [Double], data: Matrix, codes: [Int32], clusters: [Int], clusterCount: Int
  ) {
    let known = self.clusterCount
    if clusterCount > known {
      xi.append(contentsOf: repeatElement(0, count: (clusterCount - known) * basis))
      perGroup.append(contentsOf: repeatElement(0, count: (clusterCount - known) * groups))
      self.clusterCount = clusterCount
    }
    let columns = regression.basis
    for start in stride(from: 0, to: data.rows, by: 65_536) {
      let rows = start..<min(start + 65_536, data.rows)
      let deviations = regression.deviations(of: columns, data: data, codes: codes, rows: rows)
      for (k, i) in rows.enumerated() {
        let c = clusters[i]
        perGroup[c * groups + Int(codes[i])] += e[i]
        for j in 0..<basis { xi[c * basis + j] += e[i] * deviations[k, j] }
      }
    }
  }

  /// Σ_c ξ_cξ_cᵀ, Σ_c E_cξ_cᵀ and Σ_c E_cE_cᵀ.
  var sums: AbsorbedScoreSums {
    let g = clusterCount
    let xiMatrix = Matrix(rows: basis, columns: g, columnMajor: xi).transposed()
    let groupMatrix = Matrix(rows: groups, columns: g, columnMajor: perGroup).transposed()
    return AbsorbedScoreSums(
      basis: xiMatrix.gram(), groupBasis: groupMatrix.transposed().multiplied(by: xiMatrix), groups: .dense(groupMatrix.gram()))
  }
}

extension AbsorbedRegression {
  /// The deviations from their group means of the moment columns `columns` on `rows`
  /// (rows.count × columns.count).
  func deviations(of columns: [Int], data: Matrix, codes: [Int32], rows: Range<Int>) -> Matrix {
    let d = moments.columns, n = data.rows, m = rows.count
    var values = [Double](repeating: 0, count: m * columns.count)
    data.columnMajorValues.withUnsafeBufferPointer { a in
      for (k, j) in columns.enumerated() {
        let column = j * n
        for (r, i) in rows.enumerated() {
          values[r + k * m] = a[column + i] - moments.means[Int(codes[i]) * d + j]
        }
      }
    }
    return Matrix(rows: m, columns: columns.count, columnMajor: values)
  }

  /// The covariance of (c₁ … c_L, β) — the groups' constants, then the dense coefficients —
  /// for the sandwich with `sums` (scaled by `scale`), or σ²·bread when `sums` is nil.
  ///
  /// With N = diag(n_g), W̄ the regressors' group means, H the within (X̂ᵀX̂)⁻¹ and Π̃ the
  /// projection: M_ββ = Π̃ᵀS Π̃, M_cβ = G Π̃, V_ββ = H M_ββ H,
  /// V_cβ = N⁻¹M_cβH − W̄V_ββ and V_cc = N⁻¹M_ccN⁻¹ − N⁻¹M_cβHW̄ᵀ − W̄HM_cβᵀN⁻¹ + W̄V_ββW̄ᵀ;
  /// the homoskedastic case is σ²[[N⁻¹ + W̄HW̄ᵀ, −W̄H], [−HW̄ᵀ, H]].
  /// Entry (s, t) of the bread (X̂ᵀX̂)⁻¹ in (c, β) coordinates, for `breadFactor`'s W̄H.
  func breadEntry(_ s: Int, _ t: Int, breadFactor w: Matrix) -> Double {
    let groups = moments.groupCount
    switch (s < groups, t < groups) {
    case (true, true):
      let d = moments.columns
      var total = s == t && moments.counts[s] > 0 ? 1 / Double(moments.counts[s]) : 0
      for (a, j) in regressors.enumerated() { total += w[s, a] * moments.means[t * d + j] }
      return total
    case (true, false): return -w[s, t - groups]
    case (false, true): return -w[t, s - groups]
    case (false, false): return inverseGram[s - groups, t - groups]
    }
  }

  func groupCovariance(sums: AbsorbedScoreSums?, scale: Double) -> Matrix {
    let groups = moments.groupCount, k = regressors.count
    let h = inverseGram
    let means = regressorMeans
    let inverseCounts = moments.counts.map { $0 > 0 ? 1 / Double($0) : 0 }
    // V_cc[i, j] = diagonal/dense part + Σ_t (w_it·m_jt − a_it·m_jt − m_it·a_jt): the L×L
    // block entry by entry (no L×L temporaries), from L×k factors.
    let vbb: Matrix, vcb: Matrix, a: Matrix, w: Matrix
    if let sums {
      let projection = self.projection
      let mbb = projection.transposed().multiplied(by: sums.basis).multiplied(by: projection)
      vbb = h.multiplied(by: mbb).multiplied(by: h)
      var scaled = sums.groupBasis.multiplied(by: projection).multiplied(by: h)  // N⁻¹ M_cβ H
      for g in 0..<groups {
        for j in 0..<k { scaled[g, j] *= inverseCounts[g] }
      }
      a = scaled
      w = means.multiplied(by: vbb)
      vcb = a - w
    } else {
      vbb = h
      a = Matrix(rows: groups, columns: k)
      w = means.multiplied(by: h)
      vcb = -1 * w
    }
    let n = groups + k
    var v = [Double](repeating: 0, count: n * n)
    let meanRows = (0..<groups).map { means.row($0) }
    let aRows = (0..<groups).map { a.row($0) }
    let wRows = (0..<groups).map { w.row($0) }
    for i in 0..<groups {
      for j in i..<groups {
        var total = 0.0
        for t in 0..<k {
          total += wRows[i][t] * meanRows[j][t] - aRows[i][t] * meanRows[j][t] - meanRows[i][t] * aRows[j][t]
        }
        if let sums {
          total += sums.groups[i, j] * inverseCounts[i] * inverseCounts[j]
        } else if i == j {
          total += inverseCounts[i]
        }
        v[i + j * n] = scale * total
        v[j + i * n] = scale * total
      }
      for j in 0..<k {
        v[i + (groups + j) * n] = scale * vcb[i, j]
        v[(groups + j) + i * n] = scale * vcb[i, j]
      }
    }
    for i in 0..<k {
      for j in 0..<k { v[(groups + i) + (groups + j) * n] = scale * 0.5 * (vbb[i, j] + vbb[j, i]) }
    }
    return Matrix(rows: n, columns: n, columnMajor: v)
  }

}
