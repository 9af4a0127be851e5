/// Lasso fits along a decreasing sequence of α, each warm-started from the previous one
/// (scikit-learn's `lasso_path`).
///
/// - SeeAlso: ``lassoPath(_:_:alphas:fitIntercept:tolerance:maxIterations:)``.
public struct LassoPath: Sendable, Equatable {
  /// How the α values of a path are chosen.
  public enum Alphas: Sendable, Equatable {
    /// scikit-learn's grid: `count` values from α_max = `max_j |x_jᵀy|/n` down to
    /// `ratio · α_max`, evenly spaced in log scale (`np.geomspace`). Defaults: 100 values,
    /// `eps = 1e-3`.
    case automatic(count: Int = 100, ratio: Double = 1e-3)
    /// The given values, used in decreasing order.
    case values([Double])
  }

  /// One fit per α, in decreasing α.
  public let fits: [LassoFit]

  /// Creates a path from its fits.
  public init(fits: [LassoFit]) { self.fits = fits }

  /// The α values, decreasing.
  public var alphas: [Double] { fits.map(\.alpha) }
  /// The coefficient vectors, one per α (scikit-learn's `coefs[:, k]`).
  public var coefficients: [[Double]] { fits.map(\.coefficients) }
  /// The intercepts, one per α (all 0 without an intercept).
  public var intercepts: [Double] { fits.map(\.intercept) }
  /// The duality gaps on the (1/(2n))-scaled objective (`dual_gaps`).
  public var dualityGaps: [Double] { fits.map(\.dualityGap) }
  /// The epochs run at each α (`n_iters`).
  public var iterations: [Int] { fits.map(\.iterations) }
}
