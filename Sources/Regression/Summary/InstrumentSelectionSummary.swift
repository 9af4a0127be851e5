import Foundation

extension InstrumentSelectionReport {
  /// A text block: the method, the candidates, and per endogenous regressor the
  /// penalty and the instruments kept. No trailing newline.
  public var summary: String {
    var lines = [
      "Instrument Selection",
      String(repeating: "=", count: 60),
      "Method:      \(method)",
      "Controls:    \(controls)",
      "Candidates:  \(candidates.count)" + Self.range(candidates),
    ]
    for selection in selections {
      lines.append("\(selection.endogenous): \(selection.selected.count) of \(candidates.count) selected")
      if !selection.selected.isEmpty {
        lines += Self.wrapped(selection.selected, indent: "  ", width: 60)
      }
      lines.append(
        "  lambda = \(SummaryFormat.number(selection.lambda).trimmingCharacters(in: .whitespaces)) (\(selection.penaltyRule))")
      if let f = selection.firstStageF {
        let value = SummaryFormat.number(f.statistic).trimmingCharacters(in: .whitespaces)
        let p = SummaryFormat.number(f.pValue).trimmingCharacters(in: .whitespaces)
        let used = selected.count
        lines.append("  post-LASSO first-stage F = \(value), \(f.distribution.name), P-value \(p)")
        let robust = selection.robustFirstStageF.map {
          ", robust (HC0) Wald/k = " + SummaryFormat.number($0).trimmingCharacters(in: .whitespaces)
        } ?? ""
        lines.append("    (on the \(used) instrument\(used == 1 ? "" : "s") the model uses\(robust))")
      }
    }
    if let effectiveF {
      lines.append("Effective F (Montiel Olea-Pflueger, post-LASSO): \(SummaryFormat.number(effectiveF).trimmingCharacters(in: .whitespaces))")
    }
    if let set = supScoreSet {
      lines.append("Sup-score 95% set (all candidates, weak-IV robust): \(set)")
    }
    if isUnderidentified {
      lines.append(
        hasEmptySelection
          ? "No instrument selected: the candidates are too weak to select;"
          : "\(selected.count) instrument\(selected.count == 1 ? "" : "s") for \(selections.count) endogenous regressors: too few to identify;")
      lines.append(
        supScoreSet == nil
          ? "no 2SLS estimate is reported (no weak-IV-robust set is computed for several endogenous regressors)."
          : "no 2SLS estimate is reported (use the sup-score set).")
    }
    lines.append(String(repeating: "=", count: 60))
    return lines.joined(separator: "\n")
  }

  /// " (m1 … m100)" for a list of names.
  static func range(_ names: [String]) -> String {
    guard let first = names.first, let last = names.last else { return "" }
    return names.count == 1 ? " (\(first))" : names.count == 2 ? " (\(first), \(last))" : " (\(first) … \(last))"
  }

  static func wrapped(_ names: [String], indent: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = indent
    for (index, name) in names.enumerated() {
      let piece = name + (index < names.count - 1 ? "," : "")
      if current.count > indent.count && current.count + 1 + piece.count > width {
        lines.append(current)
        current = indent
      }
      current += (current.count > indent.count ? " " : "") + piece
    }
    if current.count > indent.count { lines.append(current) }
    return lines
  }
}
