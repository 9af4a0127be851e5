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
  /// The group indicator part times itself: L×L.
  var groups: Matrix

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
      var groupMatrix = Matrix(rows: groups, columns: groups)
      for g in 0..<groups { groupMatrix[g, g] = diagonal[g] }
      return AbsorbedScoreSums(basis: deviations.weightedGram(weights), groupBasis: groupBasis, groups: groupMatrix)
    }) ?? []
    let empty = AbsorbedScoreSums(
      basis: Matrix(rows: b, columns: b), groupBasis: Matrix(rows: groups, columns: b), groups: Matrix(rows: groups, columns: groups))
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
    AbsorbedScoreSums(basis: basis + other.basis, groupBasis: groupBasis + other.groupBasis, groups: groups + other.groups)
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
      basis: xiMatrix.gram(), groupBasis: groupMatrix.transposed().multiplied(by: xiMatrix), groups: groupMatrix.gram())
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
  func groupCovariance(sums: AbsorbedScoreSums?, scale: Double) -> Matrix {
    let groups = moments.groupCount, k = regressors.count
    let h = inverseGram
    let means = regressorMeans
    let inverseCounts = moments.counts.map { $0 > 0 ? 1 / Double($0) : 0 }
    var vcc: Matrix, vcb: Matrix, vbb: Matrix
    if let sums {
      let projection = self.projection
      let mbb = projection.transposed().multiplied(by: sums.basis).multiplied(by: projection)
      vbb = h.multiplied(by: mbb).multiplied(by: h)
      var a = sums.groupBasis.multiplied(by: projection).multiplied(by: h)  // M_cβ H
      for g in 0..<groups {
        for j in 0..<k { a[g, j] *= inverseCounts[g] }
      }
      vcb = a - means.multiplied(by: vbb)
      var ncc = sums.groups
      for g in 0..<groups {
        for l in 0..<groups { ncc[g, l] *= inverseCounts[g] * inverseCounts[l] }
      }
      let cross = a.multiplied(by: means.transposed())
      vcc = ncc - cross - cross.transposed() + means.multiplied(by: vbb).multiplied(by: means.transposed())
    } else {
      vbb = h
      vcb = -1 * means.multiplied(by: h)
      vcc = means.multiplied(by: h).multiplied(by: means.transposed())
      for g in 0..<groups { vcc[g, g] += inverseCounts[g] }
    }
    var v = Matrix(rows: groups + k, columns: groups + k)
    for i in 0..<groups {
      for j in 0..<groups { v[i, j] = scale * vcc[i, j] }
      for j in 0..<k {
        v[i, groups + j] = scale * vcb[i, j]
        v[groups + j, i] = scale * vcb[i, j]
      }
    }
    for i in 0..<k {
      for j in 0..<k { v[groups + i, groups + j] = scale * vbb[i, j] }
    }
    return v.symmetrized()
  }
}
