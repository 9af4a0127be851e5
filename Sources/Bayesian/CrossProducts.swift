/// The sufficient statistics of the structural model: the means and centred cross-products
/// of the columns `D = [X, Z, t, y]` (exogenous regressors, instruments, the endogenous
/// regressor, the outcome). Every Gibbs step reads only these, so a step costs O(p³)
/// whatever the number of rows.
struct CrossProducts: Sendable {
  /// The number of rows.
  let count: Int
  /// The number of columns `p = kx + kz + 2`.
  let width: Int
  /// Column means.
  let means: [Double]
  /// `Σ_i (d_i − m)(d_i − m)ᵀ`, row-major p×p.
  let centred: [Double]

  /// The index of the endogenous regressor `t` among the columns.
  var treatmentColumn: Int { width - 2 }
  /// The index of the outcome `y`.
  var outcomeColumn: Int { width - 1 }

  /// The statistics of `columns` (each of the same length), in two passes (means, then
  /// centred products) so that large means do not swamp the variation.
  init(columns: [[Double]]) {
    let p = columns.count
    let n = columns.first?.count ?? 0
    width = p
    count = n
    var means = [Double](repeating: 0, count: p)
    for j in 0..<p where n > 0 {
      var sum = 0.0
      for value in columns[j] { sum += value }
      means[j] = sum / Double(n)
    }
    var centredColumns = columns
    for j in 0..<p {
      let m = means[j]
      for i in 0..<n { centredColumns[j][i] -= m }
    }
    var centred = [Double](repeating: 0, count: p * p)
    for j in 0..<p {
      for k in j..<p {
        var sum = 0.0
        let a = centredColumns[j]
        let b = centredColumns[k]
        for i in 0..<n { sum += a[i] * b[i] }
        centred[j * p + k] = sum
        centred[k * p + j] = sum
      }
    }
    self.means = means
    self.centred = centred
  }

  /// The raw cross-product `Σ_i d_ij d_ik`.
  func raw(_ j: Int, _ k: Int) -> Double {
    centred[j * width + k] + Double(count) * means[j] * means[k]
  }

  /// `Σ_i (uᵀd_i)(vᵀd_i)` for coefficient vectors `u` and `v` over the columns: the
  /// cross-product of two linear combinations (such as two residual vectors), computed
  /// from the centred products plus the product of the combinations' means.
  func product(_ u: [Double], _ v: [Double]) -> Double {
    var sum = 0.0
    for j in 0..<width where u[j] != 0 {
      var inner = 0.0
      for k in 0..<width where v[k] != 0 { inner += centred[j * width + k] * v[k] }
      sum += u[j] * inner
    }
    var meanU = 0.0
    var meanV = 0.0
    for j in 0..<width {
      meanU += u[j] * means[j]
      meanV += v[j] * means[j]
    }
    return sum + Double(count) * meanU * meanV
  }
}
