/// The settings of the rigorous (plug-in) lasso, with the defaults of R's hdm `rlasso`.
///
/// The names follow Swift conventions; each property says which hdm argument it is.
public struct RigorousLassoOptions: Sendable, Equatable {
  /// How the penalty loadings are estimated (hdm's `penalty$homoscedastic`).
  public enum Loadings: Sendable, Equatable {
    /// Heteroskedasticity-robust loadings `ψ_j = √(E_n[e²x_j²])`, re-estimated from each
    /// pass's residuals (hdm's default, `homoscedastic = FALSE`).
    case heteroskedastic
    /// One penalty for every column: `λ0·sd(e)` (`homoscedastic = TRUE`, hdm 0.3.x's
    /// source rule; the first pass uses the residuals of the initial regression).
    case homoskedastic
  }

  /// The constant `c` of the penalty `λ0 = 2c√n Φ⁻¹(1 − γ/(2p))` (`penalty$c`); `nil`
  /// means hdm's default, 1.1, or 0.5 when ``postLasso`` is off (as hdm does when `c`
  /// is not given).
  public var c: Double?
  /// The significance level γ of the penalty (`penalty$gamma`); `nil` means 0.1/log(n).
  public var gamma: Double?
  /// Refit the selected columns by least squares after each lasso solve (`post`,
  /// default `true`); the first solve then uses half the penalty, as hdm does.
  public var postLasso: Bool
  /// Centre x and y and report an intercept (`intercept`, default `true`).
  public var fitIntercept: Bool
  /// How the loadings are estimated (default heteroskedastic).
  public var loadings: Loadings
  /// The maximum number of lasso solves (`control$numIter`, default 15).
  public var maxIterations: Int
  /// Stop once the residual standard deviation changes by less than this between
  /// passes (`control$tol`, default 10⁻⁵).
  public var tolerance: Double
  /// How many of the columns most correlated with y give the initial residuals
  /// (hdm's `init_values(number = 5)`).
  public var initialColumns: Int

  /// hdm's defaults, or the given values.
  public init(
    c: Double? = nil, gamma: Double? = nil, postLasso: Bool = true, fitIntercept: Bool = true,
    loadings: Loadings = .heteroskedastic, maxIterations: Int = 15, tolerance: Double = 1e-5,
    initialColumns: Int = 5
  ) {
    self.c = c
    self.gamma = gamma
    self.postLasso = postLasso
    self.fitIntercept = fitIntercept
    self.loadings = loadings
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.initialColumns = initialColumns
  }
}
