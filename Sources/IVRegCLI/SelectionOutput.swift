import Foundation
import Regression
import Reporting
import SparseIV

/// How `lasso` (and `fit --select-instruments`) prints a selection and its 2SLS fit.
///
/// Text: the selection block, then the usual summary. JSON: the fit's object with an
/// `instrument_selection` member. Markdown and LaTeX: a selection table before the
/// usual tables. CSV: the tidy coefficient rows. When the selection cannot identify the
/// model (some endogenous regressor got no instrument, or fewer instruments than
/// endogenous regressors) there is no fit: text, JSON, Markdown and LaTeX show the
/// selection (with the sup-score set) and exit 0; CSV, whose rows are coefficients, has
/// nothing to print and exits 1 with the same message.
enum SelectionOutput {
  static func render(
    _ run: ModelRunner.SelectionRun, options: FitOptions, subsetNote: String?
  ) throws -> IVRegCommand.Outcome {
    let report = run.results?.instrumentSelection ?? run.outcome.report
    var messages = options.format == .text ? "" : subsetNote.map { $0 + "\n" } ?? ""
    if let plotPath = options.plotPath {
      messages += try PlotWriter.writePaths(run.outcome, to: plotPath)
    }
    guard let results = run.results else {
      switch options.format {
      case .text:
        return .success(report.summary + "\n" + (subsetNote.map { "\n" + $0 + "\n" } ?? ""), messages: messages)
      case .json:
        let value = JSONValue.object([
          ("formula", .string(options.formula)), ("subset", options.subset.map { .string($0) } ?? .null),
          ("model", .null), ("instrument_selection", SelectionJSON.value(run.outcome)),
        ])
        return .success(value.render() + "\n", messages: messages)
      case .markdown, .latex:
        let table = ReportTable.instrumentSelection(report)
        return .success((options.format == .markdown ? table.markdown : table.latex) + "\n", messages: messages)
      case .csv:
        let error: InstrumentSelectionError =
          report.hasEmptySelection
          ? .noInstrumentSelected(report: report, supScoreSet: report.supScoreSet.map { "\($0)" })
          : .tooFewInstrumentsSelected(report: report)
        return .dataFailure("\(error)")
      }
    }
    switch options.format {
    case .text:
      let body = try FitOutput.render(results, options: options, subsetNote: subsetNote)
      return .success(report.summary + "\n\n" + body, messages: messages)
    case .json:
      guard case .object(var members) = try ResultsJSON.value(
        results, formula: options.formula, level: options.level, subset: options.subset)
      else { return .success("", messages: messages) }
      members.append(("instrument_selection", SelectionJSON.value(run.outcome, fitted: results.instrumentSelection)))
      return .success(JSONValue.object(members).render() + "\n", messages: messages)
    case .markdown, .latex:
      let table = ReportTable.instrumentSelection(report)
      let head = options.format == .markdown ? table.markdown : table.latex
      let body = try FitOutput.render(results, options: options, subsetNote: subsetNote)
      return .success(head + "\n\n" + body, messages: messages)
    case .csv:
      return .success(try FitOutput.render(results, options: options, subsetNote: subsetNote), messages: messages)
    }
  }
}
