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
  public var conditionNumber: Double {
    Self.conditionNumber(eigenvalues: regressorGramEigenvalues)
  }

  /// statsmodels' warnings about the numerical conditioning of the regressors, worded
  /// as in its summary notes (empty when there is nothing to say).
  ///
  /// As statsmodels: when the smallest eigenvalue of the unscaled `XᵀX` is below
  /// 1e-10, a note that the design may be singular; otherwise, when the condition
  /// number exceeds 1000, a note that it is large. Each note is one line here (statsmodels
  /// breaks them after "that there are").
  public var conditioningNotes: [String] {
    let eigenvalues = regressorGramEigenvalues
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

  private var regressorGramEigenvalues: [Double] {
    let x = design.exogenous.appendingColumns(of: design.endogenous)
    guard x.columns > 0, x.rows > 0 else { return [] }
    return SymmetricEigenDecomposition(x.gram()).eigenvalues
  }

  private static func conditionNumber(eigenvalues: [Double]) -> Double {
    guard let largest = eigenvalues.max(), let smallest = eigenvalues.min() else { return .nan }
    return smallest > 0 ? (largest / smallest).squareRoot() : .infinity
  }
}
