import Formulas
import Foundation
import LinearAlgebra

extension RegressionResults {
  /// The condition number of the regressors as statsmodels reports it: the square root
  /// of the ratio of the largest to the smallest eigenvalue of `XᵀX`, where `X` holds
  /// the exogenous and endogenous columns unscaled, intercept included.
  ///
  /// Infinite when `XᵀX` has a zero or negative eigenvalue in floating point; NaN for a
  /// model without regressors.
  ///
  /// Exact (a symmetric eigendecomposition) up to ``exactConditioningColumns`` columns;
  /// beyond, the extreme eigenvalues are estimated by power and inverse iteration, as a
  /// full decomposition of a few hundred columns would cost more than the fit.
  public var conditionNumber: Double {
    Self.conditionNumber(eigenvalues: regressorGramExtremes)
  }

  /// Up to this many regressors the condition number is computed exactly.
  public static let exactConditioningColumns = 80

  /// statsmodels' warnings about the numerical conditioning of the regressors, worded
  /// as in its summary notes (empty when there is nothing to say).
  ///
  /// As statsmodels: when the smallest eigenvalue of the unscaled `XᵀX` is below
  /// 1e-10, a note that the design may be singular; otherwise, when the condition
  /// number exceeds 1000, a note that it is large. Each note is one line here (statsmodels
  /// breaks them after "that there are").
  public var conditioningNotes: [String] {
    let eigenvalues = regressorGramExtremes
    guard let smallest = eigenvalues.min() else { return [] }
    if smallest < 1e-10 {
      return [
        "The smallest eigenvalue is \(String(format: "%6.3g", smallest)). This might indicate that there are "
          + "strong multicollinearity problems or that the design matrix is singular."
      ]
    }
    let condition = Self.conditionNumber(eigenvalues: eigenvalues)
    guard condition > 1000 else { return [] }
    return [
      "The condition number is large, \(String(format: "%6.3g", condition)). This might indicate that there are "
        + "strong multicollinearity or other numerical problems."
    ]
  }

  /// The smallest and largest eigenvalues of the regressors' `XᵀX` (empty without regressors).
  private var regressorGramExtremes: [Double] {
    let gram: Matrix
    if let absorbed {
      guard dfModel <= Self.absorbedWaldLimit else { return [] }
      gram = absorbed.regressorGram
    } else {
      let x = design.exogenous.appendingColumns(of: design.endogenous)
      guard x.columns > 0, x.rows > 0 else { return [] }
      gram = x.gram()
    }
    if gram.rows > Self.exactConditioningColumns, let extremes = Self.estimatedExtremes(gram) { return extremes }
    let eigenvalues = SymmetricEigenDecomposition(gram).eigenvalues
    guard let smallest = eigenvalues.min(), let largest = eigenvalues.max() else { return [] }
    return [smallest, largest]
  }

  /// The extreme eigenvalues of a positive-definite `gram` by power iteration (largest)
  /// and inverse iteration with its Cholesky factor (smallest), each to about 1e-10
  /// relative; nil when the Cholesky factorisation fails (then the exact route decides).
  private static func estimatedExtremes(_ gram: Matrix) -> [Double]? {
    guard let cholesky = try? CholeskyDecomposition(gram) else { return nil }
    let n = gram.rows
    // A start vector with a component along every eigenvector, almost surely.
    let start = (0..<n).map { 1 + Double($0 % 7) / 10 }
    func rayleigh(_ step: ([Double]) -> [Double]) -> Double {
      var v = start
      var estimate = 0.0
      for _ in 0..<500 {
        let norm = Vector.sumOfSquares(v).squareRoot()
        guard norm > 0, norm.isFinite else { return .nan }
        v = v.map { $0 / norm }
        let w = step(v)
        let next = Vector.dot(v, w)
        defer { v = w }
        if abs(next - estimate) <= 1e-10 * abs(next) { return next }
        estimate = next
      }
      return estimate
    }
    let largest = rayleigh { gram.multiplied(by: $0) }
    let inverseLargest = rayleigh { cholesky.solve($0) }
    guard largest.isFinite, inverseLargest.isFinite, inverseLargest > 0 else { return nil }
    return [1 / inverseLargest, largest]
  }

  private static func conditionNumber(eigenvalues: [Double]) -> Double {
    guard let largest = eigenvalues.max(), let smallest = eigenvalues.min() else { return .nan }
    return smallest > 0 ? (largest / smallest).squareRoot() : .infinity
  }
}
