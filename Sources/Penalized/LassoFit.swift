public import LinearAlgebra

/// A fitted ``Lasso``: coefficients, intercept and how the solver stopped.
public struct LassoFit: Sendable, Equatable {
  /// The penalty the model was fitted at.
  public let alpha: Double
  /// The coefficients, one per column of X (scikit-learn's `coef_`).
  public let coefficients: [Double]
  /// The intercept `ȳ − x̄ᵀw`, or 0 without one (`intercept_`).
  public let intercept: Double
  /// Coordinate-descent epochs run (`n_iter_`); 0 when the zero vector already met the
  /// stopping rule (α ≥ α_max).
  public let iterations: Int
  /// The last duality gap of the (1/(2n))-scaled objective (`dual_gap_`).
  public let dualityGap: Double
  /// Whether the duality gap met the tolerance within the iteration limit.
  public let converged: Bool

  /// Creates a fit from its parts.
  public init(
    alpha: Double, coefficients: [Double], intercept: Double, iterations: Int, dualityGap: Double,
    converged: Bool
  ) {
    self.alpha = alpha
    self.coefficients = coefficients
    self.intercept = intercept
    self.iterations = iterations
    self.dualityGap = dualityGap
    self.converged = converged
  }

  /// The zero-based indices of the non-zero coefficients (the selected columns).
  public var selectedColumns: [Int] { coefficients.indices.filter { coefficients[$0] != 0 } }

  /// The predictions `Xw + b` for the rows of `x`.
  ///
  /// - Throws: ``PenalizedError/mismatchedSizes(what:expected:found:)`` when `x` does not
  ///   have one column per coefficient.
  public func predict(_ x: Matrix) throws -> [Double] {
    guard x.columns == coefficients.count else {
      throw PenalizedError.mismatchedSizes(what: "x columns", expected: coefficients.count, found: x.columns)
    }
    var out = [Double](repeating: intercept, count: x.rows)
    for (j, w) in coefficients.enumerated() where w != 0 {
      for i in 0..<x.rows { out[i] += w * x.storage[i + j * x.rows] }
    }
    return out
  }

  /// `ȳ − x̄ᵀw` from the statistics' means.
  static func intercept(for w: [Double], statistics: GramStatistics) -> Double {
    var b = statistics.responseMean
    for (m, c) in zip(statistics.means, w) where c != 0 { b -= m * c }
    return b
  }
}
