import Foundation
import Formulas
import Plotting
import Regression
import Reporting

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
}
