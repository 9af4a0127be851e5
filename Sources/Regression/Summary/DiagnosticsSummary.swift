extension RegressionResults {
  /// Printed names of the keys of ``diagnosticTests``.
  package static let diagnosticTestLabels: [String: String] = [
    "wu_hausman": "Wu-Hausman (exogeneity)", "durbin": "Durbin (exogeneity)",
    "sargan": "Sargan (overidentification)", "basmann": "Basmann (overidentification)",
    "basmann_f": "Basmann F (overidentification)", "wooldridge_score": "Wooldridge score (exogeneity)",
    "wooldridge_regression": "Wooldridge regression (exogeneity)",
    "wooldridge_overid": "Wooldridge score (overidentification)",
    "anderson_rubin": "Anderson-Rubin (overidentification)",
    "j_stat": "Hansen J (overidentification)", "centered_j_stat": "Centered J (overidentification)",
  ]

  /// A table of the IV specification tests, one line per test with its
  /// statistic, distribution and p-value (R's `summary(ivreg, diagnostics = TRUE)`,
  /// fuller). Empty for OLS.
  public var diagnosticsSummary: String {
    let tests = diagnosticTests
    guard !tests.isEmpty else { return "" }
    let labels = Self.diagnosticTestLabels
    let headers = ["Statistic", "Distribution", "P-value"]
    let rows: [(String, [String])] = tests.map { key, test in
      (
        labels[key] ?? key,
        test.isValid
          ? [SummaryFormat.number(test.statistic), test.distribution.name, SummaryFormat.pValue(test.pValue)]
          : ["N/A", "", ""]
      )
    }
    let stubWidth = rows.map(\.0.count).max() ?? 0
    let widths = headers.indices.map { c in max(headers[c].count, rows.map { $0.1[c].count }.max() ?? 0) + 2 }
    func line(_ stub: String, _ cells: [String]) -> String {
      SummaryFormat.padRight(stub, stubWidth) + zip(cells, widths).map { " " + SummaryFormat.padLeft($0, $1) }.joined()
    }
    let width = stubWidth + widths.reduce(0) { $0 + $1 + 1 }
    var lines = [
      SummaryFormat.center("Specification Tests", width: width), String(repeating: "=", count: width),
      line("", headers), String(repeating: "-", count: width),
    ]
    lines += rows.map { line($0.0, $0.1) }
    lines.append(String(repeating: "=", count: width))
    let absorbed = tests.contains { $0.test.invalidReason == Self.notComputedWhenAbsorbed }
    if tests.contains(where: { !$0.test.isValid && $0.test.invalidReason != Self.notComputedWhenAbsorbed }) {
      lines.append("N/A: over-identification tests need more instruments than endogenous regressors.")
    }
    if absorbed { lines.append("N/A: \(Self.notComputedWhenAbsorbed).") }
    if let weak = weakInstruments { lines += ["", weak.summary] }
    return lines.joined(separator: "\n")
  }
}
