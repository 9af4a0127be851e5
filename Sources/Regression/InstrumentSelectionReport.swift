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
    /// The penalty used, on the scale of the method (glmnet's λ, or the plug-in λ/n).
    public let lambda: Double
    /// How the penalty was chosen, e.g. "lambda.min of 10-fold cross-validation".
    public let penaltyRule: String

    /// Creates a selection.
    public init(endogenous: String, selected: [String], lambda: Double, penaltyRule: String) {
      self.endogenous = endogenous
      self.selected = selected
      self.lambda = lambda
      self.penaltyRule = penaltyRule
    }
  }

  /// The method, e.g. "cross-validated LASSO" or "plug-in LASSO (Belloni et al. 2012)".
  public let method: String
  /// Every candidate instrument, in the formula's order.
  public let candidates: [String]
  /// How the controls entered the selection: "partialled out" or "unpenalised".
  public let controls: String
  /// One selection per endogenous regressor.
  public let selections: [Selection]

  /// Creates a report.
  public init(method: String, candidates: [String], controls: String, selections: [Selection]) {
    self.method = method
    self.candidates = candidates
    self.controls = controls
    self.selections = selections
  }

  /// The instruments the model uses: the union of the selections, in candidate order.
  public var selected: [String] {
    let chosen = Set(selections.flatMap(\.selected))
    return candidates.filter { chosen.contains($0) }
  }
}
