import LinearAlgebra

/// Descriptive statistics of numeric samples.
public enum SampleStatistics {
  /// The arithmetic mean (NaN for an empty sample).
  public static func mean(_ x: [Double]) -> Double {
    x.isEmpty ? .nan : Vector.sum(x) / Double(x.count)
  }

  /// Pearson's correlation coefficient of two equally long samples, computed
  /// from centred values (two passes), as numpy's `corrcoef`.
  ///
  /// - Precondition: `x.count == y.count`.
  public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "Samples must have the same length.")
    let mx = mean(x)
    let my = mean(y)
    let cx = x.map { $0 - mx }
    let cy = y.map { $0 - my }
    return Vector.dot(cx, cy) / (Vector.sumOfSquares(cx) * Vector.sumOfSquares(cy)).squareRoot()
  }
}
