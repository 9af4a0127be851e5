import LinearAlgebra

/// Least squares of each structural equation on its own regressors (the outcome on
/// `[X, t]`, the endogenous regressor on `[X, Z]`), from the cross-products: the sampler's
/// starting point, and the check that neither equation's regressors are collinear.
struct EquationwiseLeastSquares {
  /// θ: the outcome equation's coefficients, then the first stage's.
  let coefficients: [Double]

  init(layout: StructuralLayout, statistics: CrossProducts) throws(BayesianIVError) {
    let outcome = Array(0..<layout.outcomeCount)
    let firstStage = Array(layout.outcomeCount..<layout.coefficientCount)
    var coefficients: [Double] = []
    for (indices, response, name) in [
      (outcome, statistics.outcomeColumn, "outcome"), (firstStage, statistics.treatmentColumn, "first-stage"),
    ] {
      let columns = indices.map { layout.column(ofCoefficient: $0) }
      let k = columns.count
      var gram = [Double](repeating: 0, count: k * k)
      for (i, ci) in columns.enumerated() {
        for (j, cj) in columns.enumerated() { gram[i * k + j] = statistics.raw(ci, cj) }
      }
      let right = columns.map { statistics.raw($0, response) }
      guard gram.allSatisfy(\.isFinite), right.allSatisfy(\.isFinite),
        let factor = try? CholeskyDecomposition(Matrix(rows: k, columns: k, columnMajor: gram)),
        Self.isWellConditioned(factor, gram: gram, k: k)
      else { throw .singularDesign(equation: name) }
      coefficients += factor.solve(right)
    }
    self.coefficients = coefficients
  }

  /// Whether the smallest pivot of the Cholesky factor, relative to the largest diagonal
  /// entry of the Gram matrix, is above round-off: collinear regressors give a pivot of
  /// nearly 0 rather than an exact failure.
  static func isWellConditioned(_ factor: CholeskyDecomposition, gram: [Double], k: Int) -> Bool {
    let lower = factor.lower
    var smallest = Double.infinity
    var largest = 0.0
    for i in 0..<k {
      smallest = min(smallest, lower[i, i] * lower[i, i])
      largest = max(largest, gram[i * k + i])
    }
    return smallest > largest * 1e-12
  }
}
