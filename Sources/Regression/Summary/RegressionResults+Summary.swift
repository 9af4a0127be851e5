import Formulas
import LinearAlgebra
public import Foundation

extension RegressionResults {
  /// The results as linearmodels prints them (`str(results.summary)`): a header
  /// block, the parameter table with 95 % intervals and, for IV models, a footer
  /// naming the endogenous variables, the instruments and the covariance
  /// estimator. No trailing newline.
  public var summary: String {
    summary(date: fitDate)
  }

  /// The summary with a given date and time in the header (for reproducible output).
  public func summary(date: Date) -> String {
    (headerLines(date: date) + parameterTable + footer).joined(separator: "\n")
  }

  private func headerLines(date: Date) -> [String] {
    let f = fStatistic
    let left: [(String, String)] = [
      ("Dep. Variable:", design.dependentName), ("Estimator:", method), ("No. Observations:", "\(nobs)"),
      ("Date:", Self.formatted(date, "EEE, MMM dd yyyy")), ("Time:", Self.formatted(date, "HH:mm:ss")),
      ("Cov. Estimator:", covarianceEstimator.name), ("", ""),
    ]
    let right: [(String, String)] = [
      ("R-squared:", SummaryFormat.number(rsquared)), ("Adj. R-squared:", SummaryFormat.number(rsquaredAdjusted)),
      ("F-statistic:", f.isValid ? SummaryFormat.number(f.statistic) : "N/A"),
      ("P-value (F-stat)", SummaryFormat.pValue(f.pValue)), ("Distribution:", f.distribution.name), ("", ""), ("", ""),
    ]
    let leftWidth = max(18, left.map(\.1.count).max() ?? 0)
    let rows = zip(left, right).map { l, r in
      SummaryFormat.padRight(l.0, 18) + " " + SummaryFormat.padLeft(l.1, leftWidth) + " "
        + SummaryFormat.padRight("  " + r.0, 21) + " " + SummaryFormat.padLeft(r.1, 18)
    }
    let width = rows.first?.count ?? 78
    return [SummaryFormat.center("\(method) Estimation Summary", width: width), String(repeating: "=", count: width)] + rows
  }

  private var parameterTable: [String] {
    let headers = ["Parameter", "Std. Err.", "T-stat", "P-value", "Lower CI", "Upper CI"]
    let minimumWidths = [10, 10, 10, 10, 11, 11]
    let intervals = (try? confidenceIntervals(level: 0.95)) ?? []
    let t = tstats
    let p = pvalues
    let cells: [[String]] = params.indices.map { i in
      [
        SummaryFormat.number(params[i]), SummaryFormat.number(stdErrors[i]), SummaryFormat.number(t[i]),
        SummaryFormat.pValue(p[i]),
        SummaryFormat.number(i < intervals.count ? intervals[i].lower : .nan),
        SummaryFormat.number(i < intervals.count ? intervals[i].upper : .nan),
      ]
    }
    let stubWidth = max(10, parameterNames.map(\.count).max() ?? 0)
    let widths = headers.indices.map { c in
      max(minimumWidths[c], headers[c].count, cells.map { $0[c].count }.max() ?? 0)
    }
    func row(_ stub: String, _ values: [String]) -> String {
      SummaryFormat.padRight(stub, stubWidth)
        + zip(values, widths).map { " " + SummaryFormat.padLeft($0, $1) }.joined()
    }
    let width = stubWidth + widths.reduce(0) { $0 + $1 + 1 }
    var lines = [
      SummaryFormat.center("Parameter Estimates", width: width), String(repeating: "=", count: width),
      row("", headers), String(repeating: "-", count: width),
    ]
    for (name, values) in zip(parameterNames, cells) { lines.append(row(name, values)) }
    lines.append(String(repeating: "=", count: width))
    return lines
  }

  private var footer: [String] {
    let notes = numericallyZeroStandardErrors.map {
      "Note: the std. error of \($0) is zero up to rounding; its t-stat is not informative"
    }
    guard design.isInstrumental else { return notes.isEmpty ? [] : [""] + notes }
    return [
      "", "Endogenous: " + design.endogenousNames.joined(separator: ", "),
      "Instruments: " + design.instrumentNames.joined(separator: ", "),
    ] + covarianceFooter + notes
  }

  /// linearmodels' description of the covariance estimator and its configuration.
  private var covarianceFooter: [String] {
    if let lines = gmmCovarianceFooter { return lines }
    var debiasedLine = "Debiased: " + (debiased ? "True" : "False")
    if kappa != 1 { debiasedLine += "\nKappa: " + String(format: "%0.3f", kappa) }
    switch resolvedCovariance.kind {
    case .unadjusted:
      return ["Unadjusted Covariance (Homoskedastic)", debiasedLine]
    case .heteroskedastic(let type):
      return [type == 0 ? "Robust Covariance (Heteroskedastic)" : "Robust Covariance (HC\(type))", debiasedLine]
    case .kernel(let kernel, let bandwidth, let automatic):
      var lines = ["Kernel Covariance (HAC)", debiasedLine, "Kernel: \(kernel.rawValue)", "Automatic Bandwidth: \(automatic ? "True" : "False")"]
      if bandwidth != 0 { lines.append("Bandwidth: " + Self.formatBandwidth(bandwidth)) }
      return lines
    case .clustered(let groups):
      return ["Clustered Covariance (One-Way)", debiasedLine, "Num Clusters: " + groups.counts.map(String.init).joined(separator: ", ")]
    }
  }

  private static func formatBandwidth(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }

  private static func formatted(_ date: Date, _ pattern: String) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = pattern
    return formatter.string(from: date)
  }
}
