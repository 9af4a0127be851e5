import Formulas
import Foundation
public import Regression

/// One fit's coefficients as tidy rows (R broom's `tidy()`: one row per term) and as
/// a ``ReportTable`` for Markdown and LaTeX output.
public struct CoefficientTable: Sendable {
  /// One term's estimate and inference.
  public struct Row: Sendable, Equatable {
    public let term: String
    public let estimate: Double
    public let standardError: Double
    /// The t or z statistic.
    public let statistic: Double
    public let pValue: Double
    public let lower: Double
    public let upper: Double
  }

  /// broom's column names, the header of the CSV output.
  public static let columnNames = ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"]

  /// The rows, in the model's parameter order.
  public let rows: [Row]
  /// The confidence level of `lower` and `upper`.
  public let level: Double

  /// The coefficients of `results` with `level` confidence intervals.
  ///
  /// - Throws: ``ModelError`` when `level` is not in (0, 1).
  public init(_ results: RegressionResults, level: Double = 0.95) throws(ModelError) {
    let intervals = try results.confidenceIntervals(level: level)
    let t = results.tstats
    let p = results.pvalues
    rows = results.parameterNames.indices.map { i in
      Row(
        term: results.parameterNames[i], estimate: results.params[i], standardError: results.stdErrors[i],
        statistic: t[i], pValue: p[i], lower: intervals[i].lower, upper: intervals[i].upper)
    }
    self.level = level
  }

  /// The tidy CSV: a header of ``columnNames`` and one line per term, numbers at
  /// full precision (shortest round-trip form), `NA` for undefined values.
  /// With `model`, a first column `model` holds it (for `compare`).
  public func csvLines(model: String? = nil) -> [String] {
    rows.map { row in
      let numbers = [row.estimate, row.standardError, row.statistic, row.pValue, row.lower, row.upper]
      let fields = [row.term] + numbers.map(CSVText.number)
      return ((model.map { [$0] } ?? []) + fields).map(CSVText.field).joined(separator: ",")
    }
  }

  /// The table of estimates for Markdown and LaTeX: Parameter, Estimate, Std. Err.,
  /// the statistic's name (T-stat or Z-stat), P-value and the interval's bounds.
  public func reportTable(for results: RegressionResults, caption: String? = nil) -> ReportTable {
    let percent = ReportTable.percent(level)
    let statisticName = results.debiased ? "T-stat" : "Z-stat"
    let header = ["Parameter", "Estimate", "Std. Err.", statisticName, "P-value", "Lower \(percent) CI", "Upper \(percent) CI"]
    let body = rows.map { row in
      ReportTable.Row.cells(
        [row.term]
          + [row.estimate, row.standardError, row.statistic].map(SummaryFormat.number)
          + [SummaryFormat.pValue(row.pValue), SummaryFormat.number(row.lower), SummaryFormat.number(row.upper)])
    }
    return ReportTable(caption: caption, header: header, rows: body, notes: ReportTable.modelNotes(results))
  }
}

extension ReportTable {
  /// "95%" for 0.95, "90.5%" for 0.905.
  public static func percentLabel(_ level: Double) -> String { percent(level) }

  static func percent(_ level: Double) -> String {
    String(format: "%g%%", level * 100)
  }

  /// The lines under a single fit's table: the estimator, sample, fit and covariance.
  static func modelNotes(_ r: RegressionResults) -> [String] {
    var notes = [
      "Dependent variable: \(r.design.dependentName). Estimator: \(r.method). Observations: \(r.nobs)"
        + (r.rowsDropped > 0 ? " (\(r.rowsDropped) rows dropped for missing values)" : "") + ".",
      "R²: \(SummaryFormat.number(r.rsquared)). Covariance: \(r.covarianceEstimator.name)"
        + (r.debiased ? ", debiased (t and F distributions)." : " (normal and χ² distributions)."),
    ]
    if r.design.isInstrumental {
      notes.append(
        "Endogenous: \(r.design.endogenousNames.joined(separator: ", ")). Instruments: \(r.design.instrumentNames.joined(separator: ", ")).")
    }
    return notes
  }
}
