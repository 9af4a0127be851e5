import Foundation
import Formulas
import Plotting
import Penalized
import Regression
import Reporting
import SparseIV

/// `--plot file.svg`: a coefficient plot of one or more fits.
enum PlotWriter {
  /// A failure to write the file (a data error: exit 1).
  struct WriteError: Error, CustomStringConvertible {
    let description: String
  }

  /// The plot of `results`: one series per model, every term but the intercept
  /// (whose scale would squeeze the others, as in Stata's `coefplot`).
  static func plot(_ results: [RegressionResults], names: [String], level: Double) throws -> CoefficientPlot {
    var series: [CoefficientPlot.Series] = []
    for (index, r) in results.enumerated() {
      let table = try CoefficientTable(r, level: level)
      let points = table.rows.filter { $0.term != "Intercept" }.map {
        CoefficientPlot.Point(term: $0.term, estimate: $0.estimate, lower: $0.lower, upper: $0.upper)
      }
      series.append(CoefficientPlot.Series(name: index < names.count ? names[index] : "Model \(index + 1)", points: points))
    }
    let dependent = Set(results.map(\.design.dependentName)).sorted().joined(separator: ", ")
    return CoefficientPlot(
      series: series, title: "Estimates for \(dependent)", axisLabel: "Estimate",
      intervalLabel: "\(ReportTable.percentLabel(level)) confidence interval")
  }

  /// Writes the plot and returns the message for standard error.
  static func write(_ results: [RegressionResults], names: [String], level: Double, to path: String) throws -> String {
    let svg = try plot(results, names: names, level: level).svg()
    do {
      try svg.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw WriteError(description: "--plot: cannot write '\(path)': \((error as NSError).localizedDescription)")
    }
    return "Wrote coefficient plot to \(path)\n"
  }

  /// `lasso --plot`: the LASSO coefficient path of each endogenous regressor, with the
  /// selecting λ marked and, for cross-validation, the error curve beside it. Several
  /// endogenous regressors get one file each, `<name>-<regressor>.svg`.
  static func writePaths(_ outcome: InstrumentSelectionOutcome, to path: String) throws -> String {
    let paths = try outcome.paths()
    var messages = ""
    for selection in paths {
      let target = paths.count == 1 ? path : Self.path(path, suffix: selection.endogenous)
      let chosen = Set(outcome.report.selections.first { $0.endogenous == selection.endogenous }?.selected ?? [])
      let curve = selection.crossValidation.map { cv in
        LassoPathPlot.CrossValidationCurve(
          meanErrors: cv.meanErrors, standardErrors: cv.standardErrors, lambdaMin: cv.lambdaMin,
          lambdaOneStandardError: cv.lambdaOneStandardError)
      }
      let plot = LassoPathPlot(
        title: "First stage of \(selection.endogenous): LASSO over \(selection.candidates.count) candidate instruments",
        lambdas: selection.lambdas, coefficients: selection.coefficients, columnNames: selection.candidates,
        highlighted: selection.candidates.filter { chosen.contains($0) },
        markers: [LassoPathPlot.Marker(label: selection.rule, lambda: selection.chosenLambda)],
        crossValidation: curve)
      let svg: String
      do { svg = try plot.svg() } catch { throw WriteError(description: "--plot: \(error)") }
      do {
        try svg.write(toFile: target, atomically: true, encoding: .utf8)
      } catch {
        throw WriteError(description: "--plot: cannot write '\(target)': \((error as NSError).localizedDescription)")
      }
      messages += "Wrote LASSO path plot to \(target)\n"
    }
    return messages
  }

  /// `dir/name.svg` with a suffix: `dir/name-x.svg`.
  static func path(_ path: String, suffix: String) -> String {
    let safe = String(suffix.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    guard path.hasSuffix(".svg") else { return path + "-" + safe }
    return String(path.dropLast(4)) + "-" + safe + ".svg"
  }

}
