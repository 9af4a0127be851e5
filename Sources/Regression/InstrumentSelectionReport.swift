/// How the excluded instruments of an IV model were chosen from candidates (by a
/// LASSO of each endogenous regressor on the candidates; the `SparseIV` module fills
/// it in): what was considered, what was kept, and the penalty.
public struct InstrumentSelectionReport: Sendable, Equatable {
  /// The selection for one endogenous regressor.
  public struct Selection: Sendable, Equatable {
    /// The endogenous regressor.
    public let endogenous: String
    /// The candidates with a non-zero LASSO coefficient, in candidate order.
    public let selected: [String]
    /// The penalty used, on the scale of the method (glmnet's λ, or the plug-in λ0 of
    /// hdm's objective `Σ(y − xβ)² + λ0 Σ ψ_j|β_j|`).
    public let lambda: Double
    /// How the penalty was chosen, e.g. "lambda.min of 10-fold cross-validation".
    public let penaltyRule: String
    /// The post-LASSO first-stage F of this regressor on the instruments the model uses
    /// (the union of the selections), homoskedastic; nil when none was selected.
    public var firstStageF: TestStatistic?
    /// The heteroskedasticity-robust (HC0) version: the Wald statistic of the same
    /// instruments divided by their number.
    public var robustFirstStageF: Double?

    /// Creates a selection.
    public init(
      endogenous: String, selected: [String], lambda: Double, penaltyRule: String,
      firstStageF: TestStatistic? = nil
    ) {
      self.endogenous = endogenous
      self.selected = selected
      self.lambda = lambda
      self.penaltyRule = penaltyRule
      self.firstStageF = firstStageF
    }
  }

  /// The method, e.g. "cross-validated LASSO" or "plug-in LASSO (Belloni et al. 2012)".
  public let method: String
  /// Every candidate instrument, in the formula's order.
  public let candidates: [String]
  /// How the controls entered the selection: "partialled out" or "unpenalised".
  public let controls: String
  /// One selection per endogenous regressor.
  public var selections: [Selection]
  /// The 95% sup-score confidence set of the endogenous coefficient with every
  /// candidate as instrument (one endogenous regressor only): weak-IV-robust, and the
  /// inference that remains when nothing is selected.
  public var supScoreSet: AndersonRubinSet.Region?
  /// The Montiel Olea–Pflueger effective F of the post-LASSO first stage under the fit's
  /// covariance (one endogenous regressor; filled in when the model is fitted).
  public var effectiveF: Double?

  /// Creates a report.
  public init(
    method: String, candidates: [String], controls: String, selections: [Selection],
    supScoreSet: AndersonRubinSet.Region? = nil
  ) {
    self.method = method
    self.candidates = candidates
    self.controls = controls
    self.selections = selections
    self.supScoreSet = supScoreSet
  }

  /// Whether some endogenous regressor got no instrument.
  public var hasEmptySelection: Bool { selections.contains { $0.selected.isEmpty } }

  /// Whether the selection cannot identify the model: some regressor got nothing, or the
  /// union has fewer instruments than there are endogenous regressors.
  public var isUnderidentified: Bool { hasEmptySelection || selected.count < selections.count }

  /// The instruments the model uses: the union of the selections, in candidate order.
  public var selected: [String] {
    let chosen = Set(selections.flatMap(\.selected))
    return candidates.filter { chosen.contains($0) }
  }
}
