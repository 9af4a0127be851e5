/// The result of a rigorous (plug-in) lasso: hdm `rlasso`'s return values.
public struct RigorousLassoFit: Sendable, Equatable {
  /// The coefficients, one per column (post-lasso least squares on the selected columns
  /// when ``RigorousLassoOptions/postLasso`` is on; 0 for the others).
  public let coefficients: [Double]
  /// The intercept `ȳ − x̄ᵀβ` (0 without an intercept; ȳ when nothing is selected).
  public let intercept: Double
  /// Zero-based indices of the selected columns (non-zero lasso coefficients).
  public let selectedColumns: [Int]
  /// The penalty level `λ0 = 2c√n Φ⁻¹(1 − γ/(2p))` on hdm's scale (objective
  /// `Σ(y − xβ)² + Σ λ_j|β_j|`; glmnet's λ is `λ0·mean(ψ)/(2n)`).
  public let lambda0: Double
  /// The per-column penalties `λ0·ψ_j` as hdm returns them: one update newer than the
  /// ones of the final lasso solve (the current ones when nothing is selected).
  public let lambdas: [Double]
  /// The penalty loadings ψ_j as hdm returns them (the initial ones when nothing is
  /// selected).
  public let loadings: [Double]
  /// The residuals `y − ŷ` of the final fit.
  public let residuals: [Double]
  /// The residual standard deviation (n − 1 divisor). When nothing is selected hdm
  /// reports the *variance* of y here; this is its square root.
  public let residualStandardDeviation: Double
  /// hdm's `iter`: the number of lasso solves plus one when stopped by the tolerance.
  public let iterations: Int
  /// The constant c used.
  public let c: Double
  /// The significance level γ used.
  public let gamma: Double
  /// Zero-based indices of the columns that gave the initial residuals, most correlated
  /// first.
  public let initialColumns: [Int]
  /// The lasso solves, in order: the selected set of each (before any refit).
  public let selectionHistory: [[Int]]
  /// The per-column penalties of the final lasso solve, on hdm's scale (halved when that
  /// was the first pass of a refitting fit). The same solution is glmnet's at
  /// `λ = mean(p)/(2n)` with penalty factors `p`, unstandardised.
  public let finalPenalties: [Double]

  /// Whether no column was selected (the intercept-only fit).
  public var isEmpty: Bool { selectedColumns.isEmpty }
}
