import LinearAlgebra

/// x and y centred by their means (or left as they are without an intercept), with the
/// per-pass computations of the rigorous lasso: initial residuals, loadings, refits.
struct CentredData {
  /// The centred columns, *n*×*p*, column-major.
  let x: Matrix
  /// The centred response.
  let y: [Double]
  /// The column means subtracted (zeros without centring).
  let xMeans: [Double]
  /// The mean of y (reported even without centring, as hdm's intercept-only fit does).
  let yMean: Double

  init(x raw: Matrix, y raw_y: [Double], centre: Bool) {
    let n = raw.rows, p = raw.columns
    var values = raw.storage
    var means = [Double](repeating: 0, count: p)
    if centre {
      for j in 0..<p {
        var sum = 0.0
        for i in 0..<n { sum += values[i + j * n] }
        let mean = sum / Double(n)
        means[j] = mean
        for i in 0..<n { values[i + j * n] -= mean }
      }
    }
    let yMean = raw_y.reduce(0, +) / Double(max(n, 1))
    x = Matrix(rows: n, columns: p, columnMajor: values)
    y = centre ? raw_y.map { $0 - yMean } : raw_y
    xMeans = means
    self.yMean = yMean
  }

  /// The standard deviation (n − 1) of each column.
  var columnStandardDeviations: [Double] { (0..<x.columns).map { standardDeviation(x.column($0)) } }

  /// hdm's `init_values`: the residuals of least squares (with an intercept) of y on the
  /// `count` columns most correlated with it, and those columns (most correlated first;
  /// constant columns last; ties keep the lower index first).
  func initialResiduals(count: Int) -> (residuals: [Double], columns: [Int]) {
    let n = x.rows, p = x.columns
    let yMean = y.reduce(0, +) / Double(n)
    let yc = y.map { $0 - yMean }
    let yy = yc.reduce(0) { $0 + $1 * $1 }
    var key = [Double](repeating: -.infinity, count: p)
    for j in 0..<p {
      var mean = 0.0
      for i in 0..<n { mean += x.storage[i + j * n] }
      mean /= Double(n)
      var xy = 0.0, xx = 0.0
      for i in 0..<n {
        let v = x.storage[i + j * n] - mean
        xy += v * yc[i]
        xx += v * v
      }
      let correlation = abs(xy) / (xx * yy).squareRoot()
      if correlation.isFinite { key[j] = correlation }
    }
    let order = (0..<p).sorted { key[$0] > key[$1] || (key[$0] == key[$1] && $0 < $1) }
    let chosen = Array(order.prefix(min(count, p)))
    var design = Matrix(rows: n, columns: chosen.count + 1, repeating: 1)
    for (k, j) in chosen.enumerated() { design.setColumn(k + 1, to: x.column(j)) }
    let residuals = QRDecomposition(design).residuals(y)
    return (residuals, chosen)
  }

  /// Heteroskedastic loadings `ψ_j = √(E_n[e²x_j²])`.
  func loadings(residuals e: [Double]) -> [Double] {
    let n = x.rows
    let squared = e.map { $0 * $0 }
    return (0..<x.columns).map { j in
      var s0 = 0.0, s1 = 0.0
      var i = 0
      while i + 1 < n {
        let a = x.storage[i + j * n], b = x.storage[i + 1 + j * n]
        s0 += squared[i] * a * a
        s1 += squared[i + 1] * b * b
        i += 2
      }
      if i < n { s0 += squared[i] * x.storage[i + j * n] * x.storage[i + j * n] }
      return ((s0 + s1) / Double(n)).squareRoot()
    }
  }

  /// Least squares of y on the given columns, without an intercept (x is centred);
  /// columns that depend on earlier ones get 0, as R's `lm` NA coefficients do in hdm.
  func leastSquares(columns: [Int]) -> [Double] {
    QRDecomposition(x.selectingColumns(columns)).leastSquares(y)
  }

  /// `y − x_S β_S`.
  func residuals(coefficients: [Double], columns: [Int]) -> [Double] {
    let n = x.rows
    var r = y
    for j in columns where coefficients[j] != 0 {
      let b = coefficients[j]
      for i in 0..<n { r[i] -= b * x.storage[i + j * n] }
    }
    return r
  }
}
