/// A glmnet lasso path: the solutions at a decreasing sequence of λ, on the original
/// scale of the data (what `glmnet(x, y)` returns).
public struct GlmnetPath: Sendable, Equatable {
  /// Why the path ended.
  public enum Termination: Sendable, Equatable {
    /// Every λ of the sequence was solved.
    case completed
    /// The fraction of deviance explained grew by less than `minimumDevianceChange`.
    case devianceChangeBelowThreshold
    /// The fraction of deviance explained exceeded `maximumDevianceRatio`.
    case devianceRatioAboveMaximum
    /// The last solution has more non-zero coefficients than `maxNonzero` (kept).
    case tooManyNonzero
    /// More than `maxEverActive` variables would have entered at the λ with this
    /// zero-based position, which is not part of the path (glmnet's error −10001−index).
    case tooManyEverActive(lambdaIndex: Int)
    /// The sweep budget `maxPasses` ran out at the λ with this zero-based position,
    /// which is not part of the path (glmnet's error −1−index).
    case passLimitReached(lambdaIndex: Int)

    /// glmnet's `jerr` for this ending: 0, −10000−m or −m with m the 1-based λ position.
    public var glmnetErrorCode: Int {
      switch self {
      case .completed, .devianceChangeBelowThreshold, .devianceRatioAboveMaximum, .tooManyNonzero: 0
      case .tooManyEverActive(let index): -10001 - index
      case .passLimitReached(let index): -1 - index
      }
    }
  }

  /// The λ values, decreasing (`lambda`), in the units of y. For a generated grid the
  /// first is λ_max, obtained as glmnet does from the next two (`exp(2 log λ₂ − log λ₃)`).
  public let lambdas: [Double]
  /// The intercepts, one per λ (`a0`).
  public let intercepts: [Double]
  /// The coefficient vectors on the original scale, one per λ (`beta[, k]`).
  public let coefficients: [[Double]]
  /// The fraction of (null) deviance explained at each λ (`dev.ratio`).
  public let devianceRatios: [Double]
  /// `Σ (y − ȳ)²`, or `Σ y²` without an intercept (`nulldev`).
  public let nullDeviance: Double
  /// Coordinate sweeps used over the whole path (`npasses`).
  public let passes: Int
  /// Why the path ended.
  public let termination: Termination

  /// Creates a path from its parts.
  public init(
    lambdas: [Double], intercepts: [Double], coefficients: [[Double]], devianceRatios: [Double],
    nullDeviance: Double, passes: Int, termination: Termination
  ) {
    self.lambdas = lambdas
    self.intercepts = intercepts
    self.coefficients = coefficients
    self.devianceRatios = devianceRatios
    self.nullDeviance = nullDeviance
    self.passes = passes
    self.termination = termination
  }

  /// The number of non-zero coefficients at each λ (`df`).
  public var degreesOfFreedom: [Int] { coefficients.map { $0.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } } }

  /// The zero-based indices of the non-zero coefficients at each λ
  /// (`predict(fit, type = "nonzero")`).
  public var selectedColumns: [[Int]] { coefficients.map { c in c.indices.filter { c[$0] != 0 } } }
}
