import Foundation
public import LinearAlgebra
public import Regression

/// An OLS fit as statsmodels 0.15 computes it: `OLS(y, X).fit()` with the default
/// `method="pinv"` and the nonrobust covariance.
///
/// The coefficients are `P·y` with `P = pinv(X)` from the thin SVD, where singular values
/// `≤ 1e-15·σ_max` are dropped, so a rank-deficient design gets the minimum-norm solution
/// and `(XᵀX)⁺` as its normalized covariance instead of an error. The rank is numpy's
/// `matrix_rank` of `diag(σ)` (tolerance `k·ε·σ_max`), and the degrees of freedom, the
/// log-likelihood and R² follow statsmodels' definitions (`statsmodels.md` §1).
///
/// ```swift
/// let x = Matrix(columns: [[1, 2, 3, 4], [1, 1, 1, 1]])
/// let fit = try LeastSquaresFit(y: [1.1, 1.9, 3.2, 3.9], x: x)
/// fit.params   // [0.97, 0.1]
/// ```
public struct LeastSquaresFit: Sendable {
  /// The coefficients, one per column of X (the minimum-norm solution when X is rank deficient).
  public let params: [Double]
  /// `(XᵀX)⁺ = P·Pᵀ`; times ``scale`` it is the nonrobust covariance of ``params``.
  public let normalizedCovariance: Matrix
  /// The singular values of X, largest first.
  public let singularValues: [Double]
  /// The numerical rank of X.
  public let rank: Int
  /// The number of observations.
  public let observations: Int
  /// The number of columns of X.
  public let parameterCount: Int
  /// statsmodels' `k_constant`: 1 when X holds or spans a constant, otherwise 0.
  public let constantCount: Int
  /// The sum of squared residuals `eᵀe`.
  public let ssr: Double
  /// `Σ(yᵢ − ȳ)²`.
  public let centeredTSS: Double
  /// `Σyᵢ²`.
  public let uncenteredTSS: Double
  /// The profile log-likelihood `−n/2·ln(2π) − n/2·ln(ssr/n) − n/2`.
  public let logLikelihood: Double

  /// Fits `y` on the columns of `x`.
  ///
  /// - Throws: ``ModelError/dimensionMismatch(_:)`` unless `y` has one value per row of a
  ///   design with at least one column and one row; ``ModelError/nonFiniteValue(column:row:value:)``
  ///   for a NaN or infinite value (column `y` or `x1`, `x2`, … in order).
  /// - Complexity: O(n·k²) per Jacobi sweep of the SVD.
  public init(y: [Double], x: Matrix) throws(ModelError) {
    guard y.count == x.rows, x.rows >= 1, x.columns >= 1 else {
      throw .dimensionMismatch("y has \(y.count) values for a design of \(x.rows) rows and \(x.columns) columns")
    }
    if let row = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(column: "y", row: row + 1, value: y[row]) }
    for j in 0..<x.columns {
      let column = x.column(j)
      if let row = column.firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteValue(column: "x\(j + 1)", row: row + 1, value: column[row])
      }
    }
    self.init(validated: y, x: x)
  }

  /// Fits `y` on `x` whose sizes and values the caller has checked (the Granger tests).
  init(validated y: [Double], x: Matrix) {
    let n = x.rows, k = x.columns
    let svd = SingularValueDecomposition(x)
    let sigma = svd.singularValues
    let largest = sigma.first ?? 0
    let kept = sigma.indices.filter { sigma[$0] > 1e-15 * largest }
    let rankCutoff = largest * Double(Swift.min(n, k)) * .ulpOfOne
    // b = V·diag(1/σ)·Uᵀy and (XᵀX)⁺ = V·diag(1/σ²)·Vᵀ over the kept singular values.
    let uty = kept.map { index in
      svd.u.columnMajorValues.withUnsafeBufferPointer { u in
        y.withUnsafeBufferPointer { yp in
          guard let ub = u.baseAddress, let yb = yp.baseAddress else { return 0.0 }
          return Dense.dot(ub + index * n, yb, n)
        }
      } / sigma[index]
    }
    var params = [Double](repeating: 0, count: k)
    var normalized = Matrix(rows: k, columns: k)
    for (position, index) in kept.enumerated() {
      let inverseSquare = 1 / (sigma[index] * sigma[index])
      for a in 0..<k {
        let va = svd.v[a, index]
        params[a] += va * uty[position]
        for b in 0..<k { normalized[a, b] += va * svd.v[b, index] * inverseSquare }
      }
    }
    let fitted = x.multiplied(by: params)
    // numpy sums in blocks; an accurate sum keeps ssr_r − ssr_u free of summation noise.
    let ssr = Dense.accurateSumOfSquares(zip(y, fitted).map { $0 - $1 })
    let mean = y.reduce(0, +) / Double(n)
    self.params = params
    self.normalizedCovariance = normalized.symmetrized()
    self.singularValues = sigma
    self.rank = sigma.filter { $0 > rankCutoff }.count
    self.observations = n
    self.parameterCount = k
    self.constantCount = Self.constantCount(x)
    self.ssr = ssr
    self.centeredTSS = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    self.uncenteredTSS = y.reduce(0) { $0 + $1 * $1 }
    let half = Double(n) / 2
    self.logLikelihood = -half * log(2 * Double.pi) - half * log(ssr / Double(n)) - half
  }

  /// `n − rank`.
  public var residualDegreesOfFreedom: Int { observations - rank }
  /// `rank − k_constant`.
  public var modelDegreesOfFreedom: Int { rank - constantCount }
  /// `ssr / df_resid` (σ̂²).
  public var scale: Double { ssr / Double(residualDegreesOfFreedom) }
  /// `1 − ssr/TSS` with the centered TSS when a constant is present, else the uncentered one.
  public var rSquared: Double { 1 - ssr / (constantCount == 1 ? centeredTSS : uncenteredTSS) }
  /// The nonrobust covariance `scale·(XᵀX)⁺`.
  public var covariance: Matrix {
    let s = scale
    return Matrix(rows: parameterCount, columns: parameterCount, columnMajor: normalizedCovariance.columnMajorValues.map { $0 * s })
  }
  /// The standard errors `√diag(covariance)`.
  public var standardErrors: [Double] { normalizedCovariance.diagonal.map { ($0 * scale).squareRoot() } }
  /// Whether X is rank deficient (statsmodels warns "The design matrix is rank-deficient").
  public var isRankDeficient: Bool { rank < parameterCount }

  /// statsmodels' `f_test(R)` of `R·b = 0` with the nonrobust covariance: the Wald statistic
  /// `(Rb)ᵀ pinv(R·V·Rᵀ) (Rb) / J`, `J` the rank of `R·V·Rᵀ` (numpy `matrix_rank`), on
  /// F(J, df_resid).
  ///
  /// - Throws: ``ModelError/dimensionMismatch(_:)`` unless `restriction` has one column per
  ///   parameter and at least one row.
  public func fTest(restriction: Matrix) throws(ModelError) -> (statistic: Double, numeratorDegreesOfFreedom: Int) {
    guard restriction.columns == parameterCount, restriction.rows >= 1 else {
      throw .dimensionMismatch(
        "the restriction has \(restriction.rows)×\(restriction.columns) entries for \(parameterCount) parameters")
    }
    return waldTest(validated: restriction)
  }

  /// `fTest` for a restriction of the right width (the Granger tests build it so).
  func waldTest(validated restriction: Matrix) -> (statistic: Double, numeratorDegreesOfFreedom: Int) {
    let rb = restriction.multiplied(by: params)
    let rv = restriction.multiplied(by: covariance).multiplied(by: restriction.transposed())
    let inverse = rv.pseudoInverse(relativeTolerance: 1e-15)
    let wald = Dense.dot(rb, inverse.multiplied(by: rb))
    let j = SingularValueDecomposition(rv).rank()
    return (wald / Double(j), j)
  }

  /// statsmodels' `k_constant` (`statsmodels.md` §1.1): a single-valued column counts when its
  /// mean is non-zero; without one, X has an implicit constant when `rank([1 | X]) == rank(X)`.
  static func constantCount(_ x: Matrix) -> Int {
    var constantColumns: [Int] = []
    for j in 0..<x.columns {
      let column = x.column(j)
      if let first = column.first, column.allSatisfy({ $0 == first }) { constantColumns.append(j) }
    }
    if constantColumns.contains(where: { x[0, $0] != 0 }) { return 1 }
    let augmented = Matrix(columns: [[Double](repeating: 1, count: x.rows)]).appendingColumns(of: x)
    return SingularValueDecomposition(augmented).rank() == SingularValueDecomposition(x).rank() ? 1 : 0
  }
}
