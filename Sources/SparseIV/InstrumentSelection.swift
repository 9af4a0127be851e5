public import Penalized

/// How a LASSO chooses the excluded instruments of an IV model from candidates.
///
/// ```swift
/// let model = try IV2SLS(
///   formula: "y ~ 1 + c1 + c2 + [x ~ m*]", data: data,
///   instrumentSelection: .plugIn())
/// ```
public enum InstrumentSelection: Sendable, Equatable {
  /// K-fold cross-validated LASSO with R `cv.glmnet`'s conventions.
  case lassoCV(CrossValidatedSelection)
  /// The rigorous plug-in LASSO of Belloni, Chen, Chernozhukov and Hansen (2012), with
  /// R hdm `rlasso`'s defaults.
  case plugIn(RigorousLassoOptions)

  /// Cross-validation with `cv.glmnet`'s defaults: 10 folds, 100 λ, `lambda.min`.
  public static func lassoCV() -> InstrumentSelection { .lassoCV(CrossValidatedSelection()) }
  /// The plug-in LASSO with hdm's defaults (c = 1.1, γ = 0.1/log n, heteroskedastic
  /// loadings, post-LASSO refits).
  public static func plugIn() -> InstrumentSelection { .plugIn(RigorousLassoOptions()) }
}

/// Which λ of a cross-validated path selects the instruments.
public enum PenaltyChoice: String, Sendable, Equatable, CaseIterable {
  /// The λ with the smallest mean cross-validated error (`lambda.min`).
  case minimum = "min"
  /// The largest λ within one standard error of that minimum (`lambda.1se`): sparser.
  case oneStandardError = "1se"
}

/// How the folds of a cross-validation are formed.
public enum FoldAssignment: Sendable, Equatable {
  /// K folds assigned from a seed (reproducible, but not R's random stream).
  case random(folds: Int, seed: UInt64)
  /// Fold ids read from a column of the data (any integer labels, like `foldid`), so a
  /// selection can be repeated exactly in R.
  case column(String)
  /// Fold ids given directly, one per observation the model uses.
  case ids([Int])
}

/// The settings of a cross-validated instrument selection.
public struct CrossValidatedSelection: Sendable, Equatable {
  /// How the folds are formed (default: 10 folds from seed 1).
  public var folds: FoldAssignment
  /// Which λ selects (default `lambda.min`).
  public var penalty: PenaltyChoice
  /// The glmnet settings of the path (default `cv.glmnet`'s: standardised, 100 λ, its
  /// ratio and threshold).
  public var options: GlmnetOptions

  /// `cv.glmnet`'s defaults, or the given values.
  public init(
    folds: FoldAssignment = .random(folds: 10, seed: 1), penalty: PenaltyChoice = .minimum,
    options: GlmnetOptions = GlmnetOptions()
  ) {
    self.folds = folds
    self.penalty = penalty
    self.options = options
  }
}

/// How the included exogenous regressors (the controls, with the constant) enter the
/// selection.
public enum ControlTreatment: String, Sendable, Equatable {
  /// Residualise the endogenous regressors and every candidate on the controls first
  /// (Frisch–Waugh), then select on the residuals (the default, hdm's and lassopack's
  /// recipe).
  case partialledOut = "partialled out"
  /// Keep the controls in the LASSO with penalty factor 0 (`cv.glmnet(…,
  /// penalty.factor = c(1, …, 1, 0, …, 0))`). The plug-in LASSO has no unpenalised
  /// columns and always partials out (the two give the same LASSO solution; only the
  /// plug-in loadings differ).
  case unpenalized = "unpenalised"
}
