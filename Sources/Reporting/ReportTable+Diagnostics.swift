import Formulas
public import Regression

extension ReportTable {
  /// The first-stage diagnostics of an IV fit, one row per endogenous regressor:
  /// R², partial R², Shea's partial R², partial F and its p-value; nil for OLS.
  public static func firstStage(_ r: RegressionResults) -> ReportTable? {
    guard r.design.isInstrumental, let firstStage = r.firstStage else { return nil }
    let rows = firstStage.diagnostics.map { d in
      Row.cells([
        d.endogenous, SummaryFormat.number(d.rsquared), SummaryFormat.number(d.partialRSquared),
        SummaryFormat.number(d.sheaRSquared),
        d.partialF.isValid ? SummaryFormat.number(d.partialF.statistic) : "N/A",
        d.partialF.isValid ? d.partialF.distribution.name : "",
        d.partialF.isValid ? SummaryFormat.pValue(d.partialF.pValue) : "",
      ])
    }
    return ReportTable(
      caption: "First Stage Diagnostics",
      header: ["Endogenous", "R-squared", "Partial R-squared", "Shea's R-squared", "Partial F", "Distribution", "P-value"],
      rows: rows)
  }

  /// The specification tests of an IV fit (Wu–Hausman, Durbin, Sargan, …, or
  /// Hansen's J for GMM) and the weak-instrument verdict; nil for OLS.
  public static func diagnostics(_ r: RegressionResults) -> ReportTable? {
    let tests = r.diagnosticTests
    guard !tests.isEmpty else { return nil }
    let labels = RegressionResults.diagnosticTestLabels
    let rows = tests.map { key, test in
      Row.cells(
        [labels[key] ?? key]
          + (test.isValid
            ? [SummaryFormat.number(test.statistic), test.distribution.name, SummaryFormat.pValue(test.pValue)]
            : ["N/A", "", ""]))
    }
    var notes: [String] = []
    if let weak = r.weakInstruments { notes.append("Weak instruments: " + weak.verdict + ".") }
    return ReportTable(
      caption: "Specification Tests", header: ["Test", "Statistic", "Distribution", "P-value"], rows: rows, notes: notes)
  }
}
