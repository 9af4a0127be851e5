import LinearAlgebra

/// OLS or 2SLS of one column of a moment block on others, with the groups of the
/// ``WithinMoments`` absorbed: the dense coefficients β come from the within factor `R`
/// (a least-squares problem on d rows instead of n), each group's constant from its means,
/// `c_g = ȳ_g − w̄_gᵀβ`.
///
/// The estimates and every homoskedastic quantity equal those of the full model with dummy
/// columns: the 2SLS normal equations for the group indicators (which instrument themselves)
/// say that the residuals have mean zero in every group, and for β they are the within
/// model's.
struct AbsorbedRegression: Sendable {
  /// The data's statistics.
  let moments: WithinMoments
  /// The dense regressors (moment columns), in parameter order.
  let regressors: [Int]
  /// The dense instruments (moment columns, exogenous regressors included); nil for OLS.
  let instruments: [Int]?
  /// The dependent variable's moment column.
  let dependent: Int
  /// The fit on the pseudo-data `R` (the within model).
  let within: LinearFit
  /// Each group's constant.
  let constants: [Double]
  /// The observations.
  let observations: Int

  /// The dense coefficients β.
  var beta: [Double] { within.params }
  /// The columns whose within deviations carry the scores: the instruments for 2SLS, the
  /// regressors for OLS.
  var basis: [Int] { instruments ?? regressors }
  /// (X̂ᵀX̂)⁻¹ of the within model: the dense block of the bread.
  var inverseGram: Matrix { within.xHatInverseGram }

  /// Fits; `names` names every moment column (for collinearity messages).
  init(
    moments: WithinMoments, regressors: [Int], instruments: [Int]?, dependent: Int, names: [String]
  ) throws(ModelError) {
    let pseudo = moments.factor
    let n = moments.rowCount
    let columnsOfR = { (indices: [Int]) in pseudo.selectingColumns(indices) }
    self.within = try LinearFit(
      y: pseudo.column(dependent), x: columnsOfR(regressors), xNames: regressors.map { names[$0] },
      z: instruments.map(columnsOfR), zNames: instruments.map { $0.map { names[$0] } } ?? [],
      exogenousCount: instruments.map { z in regressors.filter { z.contains($0) }.count })
    self.moments = moments
    self.regressors = regressors
    self.instruments = instruments
    self.dependent = dependent
    self.observations = n
    let beta = within.params
    self.constants = (0..<moments.groupCount).map { g in
      var c = moments.means[g * moments.columns + dependent]
      for (k, j) in regressors.enumerated() { c -= beta[k] * moments.means[g * moments.columns + j] }
      return c
    }
  }

  /// The residuals y − c_g − wᵀβ of every row of the n×d block `data`.
  func residuals(_ data: Matrix, codes: [Int32]) -> [Double] {
    var e = data.column(dependent)
    let n = data.rows
    let beta = self.beta
    data.columnMajorValues.withUnsafeBufferPointer { a in
      e.withUnsafeMutableBufferPointer { e in
        for (k, j) in regressors.enumerated() {
          let b = beta[k]
          let column = j * n
          for i in 0..<n { e[i] -= b * a[column + i] }
        }
        for i in 0..<n { e[i] -= constants[Int(codes[i])] }
      }
    }
    return e
  }

  /// Π̃: the within coefficients of the regressors on the basis (identity for OLS), so the
  /// projected within regressors of a row are Π̃ᵀ times its basis deviations.
  var projection: Matrix {
    guard let zQR = within.zQR else { return Matrix.identity(regressors.count) }
    let pseudo = moments.factor
    return zQR.leastSquares(pseudo.selectingColumns(regressors))
  }

  /// The group means of the dense regressors (groups × regressors): W̄.
  var regressorMeans: Matrix {
    let d = moments.columns
    var m = Matrix(rows: moments.groupCount, columns: regressors.count)
    for g in 0..<moments.groupCount {
      for (k, j) in regressors.enumerated() { m[g, k] = moments.means[g * d + j] }
    }
    return m
  }
}
