public import Regression

/// Why instruments could not be selected, or why no IV model follows from the selection.
public enum InstrumentSelectionError: Error, Sendable, CustomStringConvertible {
  /// The formula has no bracket of endogenous regressors and candidate instruments.
  case notAnIVModel
  /// The LASSO kept none of the candidates for an endogenous regressor: the candidates
  /// are too weak to select. The report says what was tried; the sup-score confidence
  /// set (one endogenous regressor) is the weak-IV-robust inference that remains.
  case noInstrumentSelected(report: InstrumentSelectionReport, supScoreSet: String?)
  /// The union of the selections has fewer instruments than there are endogenous
  /// regressors, so the model is not identified.
  case tooFewInstrumentsSelected(report: InstrumentSelectionReport)
  /// An endogenous regressor that the controls explain exactly (nothing left to instrument).
  case endogenousSpannedByControls(String)
  /// A fold column that cannot be used, with the reason.
  case invalidFolds(String)
  /// A problem inside the LASSO (bad options or data), with its message.
  case lasso(String)

  public var description: String {
    switch self {
    case .notAnIVModel:
      return "instrument selection needs an IV formula whose bracket lists the candidates, e.g. y ~ 1 + c1 + [x ~ m1 + m2 + m3] or [x ~ m*]"
    case .noInstrumentSelected(let report, let set):
      let empty = report.selections.filter(\.selected.isEmpty).map(\.endogenous)
      var text =
        "the \(report.method) selected no instrument for \(empty.joined(separator: ", ")) among \(report.candidates.count) candidates: the candidates are too weak to select, so no 2SLS estimate is reported"
      if let set { text += "; weak-IV-robust sup-score 95% confidence set: \(set)" }
      return text
    case .tooFewInstrumentsSelected(let report):
      let k = report.selected.count, m = report.selections.count
      return
        "the \(report.method) selected \(k) instrument\(k == 1 ? "" : "s") for \(m) endogenous regressors: too few to identify the model, so no 2SLS estimate is reported"
    case .endogenousSpannedByControls(let name):
      return "'\(name)' is a linear combination of the exogenous regressors: there is nothing left for instruments to explain"
    case .invalidFolds(let why): return "fold ids: \(why)"
    case .lasso(let message): return message
    }
  }
}
