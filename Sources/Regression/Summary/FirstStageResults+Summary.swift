import LinearAlgebra
extension FirstStageResults {
  /// The first stage as linearmodels prints it (`first_stage.summary`): one
  /// column per endogenous regressor with R², partial R², Shea's R², the partial
  /// F and its p-value and distribution, then every first-stage coefficient with
  /// its t statistic in parentheses. No trailing newline.
  ///
  /// Unlike linearmodels, a t statistic whose variance is a tiny negative
  /// rounding error is printed as computed rather than left blank.
  public var summary: String {
    let stubs = ["R-squared", "Partial R-squared", "Shea's R-squared", "Partial F-statistic", "P-value (Partial F-stat)", "Partial F-stat Distn"]
    let headers = diagnostics.map(\.endogenous)
    let statisticRows: [[String]] = [
      diagnostics.map { SummaryFormat.number($0.rsquared) },
      diagnostics.map { SummaryFormat.number($0.partialRSquared) },
      diagnostics.map { SummaryFormat.number($0.sheaRSquared) },
      diagnostics.map { SummaryFormat.number($0.partialF.statistic) },
      diagnostics.map { SummaryFormat.number($0.partialF.pValue) },
      diagnostics.map { $0.partialF.distribution.name },
    ]
    let names = regressions.first?.parameterNames ?? []
    var parameterRows: [(String, [String])] = []
    for (i, name) in names.enumerated() {
      parameterRows.append((name, regressions.map { SummaryFormat.number($0.params[i]) }))
      parameterRows.append(("", regressions.map { "(" + SummaryFormat.number($0.tstats[i]) + ")" }))
    }
    let stubRun = (stubs + names).map(\.count).max().map { $0 + 2 } ?? 0
    let dataRows = statisticRows + parameterRows.map(\.1)
    let runs = headers.indices.map { c in (dataRows.map { $0[c].count }.max() ?? 0) + 2 }
    let widths = headers.indices.map { c in max(runs[c], headers[c].count) }
    func row(_ stub: String, _ values: [String]) -> String {
      SummaryFormat.padRight(stub, stubRun) + zip(values, widths).map { " " + SummaryFormat.padLeft($0, $1) }.joined()
    }
    let width = stubRun + widths.reduce(0) { $0 + $1 + 1 }
    var lines = [
      SummaryFormat.center("First Stage Estimation Results", width: width), String(repeating: "=", count: width),
      row("", headers), String(repeating: "-", count: width),
    ]
    for (stub, values) in zip(stubs, statisticRows) { lines.append(row(stub, values)) }
    lines.append(row(String(repeating: "=", count: stubRun), runs.map { String(repeating: "=", count: $0) }))
    for (stub, values) in parameterRows { lines.append(row(stub, values)) }
    lines += [
      String(repeating: "-", count: width), "", "T-stats reported in parentheses",
      "T-stats use same covariance type as original model",
    ]
    lines += zip(headers, regressions).flatMap { endogenous, regression in
      regression.numericallyZeroStandardErrors.map {
        "Note: the std. error of \($0) (\(endogenous)) is zero up to rounding; its t-stat is not informative"
      }
    }
    return lines.joined(separator: "\n")
  }
}
