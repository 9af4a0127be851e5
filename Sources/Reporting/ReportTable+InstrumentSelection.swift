import Foundation
public import Regression

extension ReportTable {
  /// A LASSO instrument selection, one row per endogenous regressor: how many of the
  /// candidates were kept, which, the penalty and the post-LASSO first-stage F; notes
  /// give the method, the controls and the sup-score set.
  public static func instrumentSelection(_ report: InstrumentSelectionReport) -> ReportTable {
    let rows = report.selections.map { s in
      Row.cells([
        s.endogenous, "\(s.selected.count) of \(report.candidates.count)",
        s.selected.isEmpty ? "none" : s.selected.joined(separator: ", "),
        SummaryFormat.number(s.lambda).trimmingCharacters(in: .whitespaces),
        s.firstStageF.map { SummaryFormat.number($0.statistic).trimmingCharacters(in: .whitespaces) } ?? "",
      ])
    }
    var notes = ["Method: \(report.method); controls \(report.controls)."]
    if let effectiveF = report.effectiveF {
      notes.append("Effective F (Montiel Olea-Pflueger, post-LASSO): \(SummaryFormat.number(effectiveF).trimmingCharacters(in: .whitespaces)).")
    }
    if let set = report.supScoreSet { notes.append("Sup-score 95% set (all candidates, weak-IV robust): \(set).") }
    if report.isUnderidentified {
      notes.append(
        report.hasEmptySelection
          ? "No instrument selected: the candidates are too weak to select; no 2SLS estimate is reported."
          : "Too few instruments selected to identify the model; no 2SLS estimate is reported.")
    }
    notes.append("Post-LASSO F: first-stage F on the \(report.selected.count) instrument\(report.selected.count == 1 ? "" : "s") the model uses.")
    return ReportTable(
      caption: "Instrument Selection", header: ["Endogenous", "Selected", "Instruments", "Lambda", "Post-LASSO F"],
      rows: rows, alignments: [.left, .right, .left, .right, .right], notes: notes)
  }
}
