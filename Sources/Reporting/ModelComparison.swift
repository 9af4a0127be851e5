import Formulas
import Foundation
public import Regression

/// Several fits side by side, one column per model (linearmodels' `compare`,
/// statsmodels' `summary_col`, R's `modelsummary`).
///
/// Rows: each term's estimate with, below it, its standard error in parentheses
/// (or t statistic, p-value, or confidence interval in brackets); then the
/// dependent variable, estimator, number of observations, R², covariance
/// estimator and, for IV models, the first-stage partial F of each endogenous
/// regressor. Terms appear in order of first appearance across the models.
///
/// ```swift
/// let ols = try OLS(formula: "y ~ 1 + t", data: table).fit()
/// let iv = try IV2SLS(formula: "y ~ 1 + [t ~ z]", data: table).fit()
/// print(try ModelComparison([ols, iv], names: ["OLS", "IV"]).table.text)
/// ```
public struct ModelComparison: Sendable {
  /// What is printed below each estimate.
  public enum Statistic: String, Sendable, CaseIterable {
    /// The standard error, in parentheses.
    case standardError = "se"
    /// The t (or z) statistic, in parentheses.
    case tStatistic = "t"
    /// The p-value, in parentheses.
    case pValue = "p"
    /// The confidence interval, in brackets.
    case confidenceInterval = "ci"

    var noteText: String {
      switch self {
      case .standardError: "Standard errors in parentheses."
      case .tStatistic: "t (or z) statistics in parentheses."
      case .pValue: "p-values in parentheses."
      case .confidenceInterval: "confidence intervals in brackets."
      }
    }
  }

  /// The fitted models.
  public let results: [RegressionResults]
  /// The column titles.
  public let names: [String]
  /// What is printed below each estimate.
  public let statistic: Statistic
  /// Whether estimates carry significance stars (* 0.1, ** 0.05, *** 0.01).
  public let stars: Bool
  /// The confidence level of `.confidenceInterval`.
  public let level: Double
  /// Each model's coefficients, in `results` order.
  public let coefficients: [CoefficientTable]

  /// Compares `results`.
  ///
  /// - Parameters:
  ///   - names: column titles; default "Model 1", "Model 2", …
  ///   - statistic: what to print below each estimate.
  ///   - stars: mark estimates with significance stars.
  ///   - level: the confidence level of the intervals.
  /// - Throws: ``ModelError`` when `level` is not in (0, 1).
  public init(
    _ results: [RegressionResults], names: [String]? = nil, statistic: Statistic = .standardError,
    stars: Bool = false, level: Double = 0.95
  ) throws(ModelError) {
    self.results = results
    let defaults = results.indices.map { "Model \($0 + 1)" }
    if let names, names.count == results.count {
      self.names = names
    } else {
      self.names = defaults
    }
    self.statistic = statistic
    self.stars = stars
    self.level = level
    var tables: [CoefficientTable] = []
    for r in results { tables.append(try CoefficientTable(r, level: level)) }
    coefficients = tables
  }

  /// Every model's terms, in order of first appearance.
  public var terms: [String] {
    var seen = Set<String>()
    var ordered: [String] = []
    for table in coefficients {
      for row in table.rows where seen.insert(row.term).inserted { ordered.append(row.term) }
    }
    return ordered
  }

  /// Every model's endogenous regressors, in order of first appearance.
  var endogenousTerms: [String] {
    var seen = Set<String>()
    var ordered: [String] = []
    for r in results {
      for name in r.design.endogenousNames where seen.insert(name).inserted { ordered.append(name) }
    }
    return ordered
  }

  /// The comparison as a ``ReportTable`` (print it with `.text`, `.markdown` or `.latex`).
  public var table: ReportTable {
    var rows: [ReportTable.Row] = []
    for term in terms {
      var estimates = [term]
      var below = [""]
      for table in coefficients {
        guard let row = table.rows.first(where: { $0.term == term }) else {
          estimates.append("")
          below.append("")
          continue
        }
        estimates.append(SummaryFormat.number(row.estimate).trimmingSpaces + (stars ? Self.significanceStars(row.pValue) : ""))
        below.append(secondLine(row))
      }
      rows.append(.cells(estimates))
      rows.append(.cells(below))
    }
    rows.append(.rule)
    rows.append(.cells(["Dep. Variable"] + results.map { $0.design.dependentName }))
    rows.append(.cells(["Estimator"] + results.map(\.method)))
    rows.append(.cells(["No. Observations"] + results.map { "\($0.nobs)" }))
    rows.append(.cells(["R-squared"] + results.map { SummaryFormat.number($0.rsquared).trimmingSpaces }))
    rows.append(.cells(["Cov. Estimator"] + results.map { $0.covarianceEstimator.name }))
    for endogenous in endogenousTerms {
      let cells = results.map { r -> String in
        guard let d = r.firstStage?.diagnostics.first(where: { $0.endogenous == endogenous }) else { return "" }
        guard d.partialF.isValid else { return "N/A" }
        let f = d.partialF.statistic
        return abs(f) < 1e6 ? String(format: "%.1f", f) : String(format: "%.4g", f)
      }
      rows.append(.cells(["First-stage F (\(endogenous))"] + cells))
    }
    var notes = [statistic == .confidenceInterval ? "\(ReportTable.percent(level)) " + statistic.noteText : statistic.noteText]
    if stars { notes.append("* p < 0.1, ** p < 0.05, *** p < 0.01.") }
    if endogenousTerms.count > 0 {
      notes.append("First-stage F: the partial F of the excluded instruments; a Wald χ² under robust, clustered or kernel covariances (as linearmodels).")
    }
    return ReportTable(
      caption: "Model Comparison", header: [""] + names, rows: rows,
      alignments: [.left] + Array(repeating: .center, count: names.count), notes: notes)
  }

  /// The tidy CSV of every model: a `model` column, then broom's columns.
  public var csv: String {
    var lines = [(["model"] + CoefficientTable.columnNames).joined(separator: ",")]
    for (name, table) in zip(names, coefficients) { lines += table.csvLines(model: name) }
    return lines.joined(separator: "\n")
  }

  private func secondLine(_ row: CoefficientTable.Row) -> String {
    switch statistic {
    case .standardError: "(" + SummaryFormat.number(row.standardError).trimmingSpaces + ")"
    case .tStatistic: "(" + SummaryFormat.number(row.statistic).trimmingSpaces + ")"
    case .pValue: "(" + SummaryFormat.pValue(row.pValue).trimmingSpaces + ")"
    case .confidenceInterval:
      "[" + SummaryFormat.number(row.lower).trimmingSpaces + ", " + SummaryFormat.number(row.upper).trimmingSpaces + "]"
    }
  }

  /// Significance stars for a p-value: `***` below 0.01, `**` below 0.05, `*` below 0.1.
  public static func significanceStars(_ p: Double) -> String {
    guard p.isFinite else { return "" }
    if p < 0.01 { return "***" }
    if p < 0.05 { return "**" }
    if p < 0.1 { return "*" }
    return ""
  }
}

extension String {
  var trimmingSpaces: String { trimmingCharacters(in: .whitespaces) }
}
