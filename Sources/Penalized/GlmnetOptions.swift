/// The options of R glmnet's gaussian lasso (`glmnet(x, y, alpha = 1, …)`), with its
/// defaults.
///
/// The names follow Swift conventions; each property says which glmnet argument it is.
/// Column indices are zero-based.
public struct GlmnetOptions: Sendable, Equatable {
  /// Standardise the columns to unit 1/n variance before penalising (`standardize`,
  /// default `true`). Coefficients are always reported on the original scale, so with
  /// standardisation the problem solved is `RSS/(2n) + λ Σ v_j s_j |β_j|`, s_j the 1/n
  /// standard deviation of column j.
  public var standardize: Bool
  /// Fit an unpenalised intercept, centring X and y (`intercept`, default `true`).
  public var fitIntercept: Bool
  /// The number of λ values of a generated grid (`nlambda`, default 100).
  public var lambdaCount: Int
  /// λ_min / λ_max of a generated grid (`lambda.min.ratio`); `nil` means glmnet's
  /// default, 0.01 when n < p and 10⁻⁴ otherwise. Must be in [0, 1).
  public var lambdaMinRatio: Double?
  /// A λ sequence to use instead of the generated grid (`lambda`); it is sorted into
  /// decreasing order and the path is never stopped early.
  public var lambdas: [Double]?
  /// Relative penalties, one per column (`penalty.factor`, default all 1). 0 leaves a
  /// column unpenalised; `.infinity` excludes it. glmnet rescales the factors to sum to p
  /// (excluded columns count with factor 1), and λ refers to the rescaled factors.
  public var penaltyFactors: [Double]?
  /// Zero-based indices of columns left out of the model (`exclude`); their
  /// coefficients are 0.
  public var excludedColumns: [Int]
  /// The convergence threshold (`thresh`, default 10⁻⁷): a coordinate sweep has
  /// converged when the largest `Var(x_k)·Δβ_k² / Var(y)` (in standardised units) is
  /// below it. Default results are therefore accurate to about 10⁻⁵ only.
  public var threshold: Double
  /// The budget of coordinate sweeps over the whole path (`maxit`, default 10⁵); when it
  /// runs out the path is cut at the last solved λ.
  public var maxPasses: Int
  /// Stop the path once a solution has more non-zero coefficients than this (`dfmax`);
  /// `nil` means p + 1 (never).
  public var maxNonzero: Int?
  /// The largest number of variables ever allowed to enter (`pmax`); `nil` means
  /// `min(2·dfmax + 20, p)`. Exceeding it abandons the current λ.
  public var maxEverActive: Int?
  /// Stop a generated path when the fraction of deviance explained grows by less than
  /// this fraction (`glmnet.control(fdev)`, default 10⁻⁵; 0 disables the rule).
  public var minimumDevianceChange: Double
  /// Stop a generated path once the fraction of deviance explained exceeds this
  /// (`glmnet.control(devmax)`, default 0.999).
  public var maximumDevianceRatio: Double

  /// glmnet's defaults, or the given values.
  public init(
    standardize: Bool = true, fitIntercept: Bool = true, lambdaCount: Int = 100,
    lambdaMinRatio: Double? = nil, lambdas: [Double]? = nil, penaltyFactors: [Double]? = nil,
    excludedColumns: [Int] = [], threshold: Double = 1e-7, maxPasses: Int = 100_000,
    maxNonzero: Int? = nil, maxEverActive: Int? = nil, minimumDevianceChange: Double = 1e-5,
    maximumDevianceRatio: Double = 0.999
  ) {
    self.standardize = standardize
    self.fitIntercept = fitIntercept
    self.lambdaCount = lambdaCount
    self.lambdaMinRatio = lambdaMinRatio
    self.lambdas = lambdas
    self.penaltyFactors = penaltyFactors
    self.excludedColumns = excludedColumns
    self.threshold = threshold
    self.maxPasses = maxPasses
    self.maxNonzero = maxNonzero
    self.maxEverActive = maxEverActive
    self.minimumDevianceChange = minimumDevianceChange
    self.maximumDevianceRatio = maximumDevianceRatio
  }
}
