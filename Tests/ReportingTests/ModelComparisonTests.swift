import Foundation
import Regression
import Reporting
import Tabular
import TestSupport
import Testing

/// The app-push story of seed 003 in one comparison table: OLS on assignment, on
/// delivery, on both, and IV. Every number the table and its CSV carry is checked
/// against linearmodels 7.1 (`Fixtures/reference/app_push.json`).
@Suite("Model comparison: the app-push models side by side")
struct ModelComparisonTests {
  static let keys = ["assigned", "delivered", "both", "iv"]

  static func models() throws -> (comparison: ModelComparison, golden: [String: Any]) {
    let table = try DataTable(contentsOfCSVFile: Fixtures.url("data/app_engagement_push.csv").path)
    let root = try #require(try Fixtures.json("reference/app_push.json") as? [String: Any])
    let models = try #require(root["models"] as? [String: Any])
    var results: [RegressionResults] = []
    for key in keys {
      let entry = try #require(models[key] as? [String: Any])
      let formula = try #require(entry["formula"] as? String)
      results.append(try IV2SLS(formula: formula, data: table).fit())
    }
    let comparison = try ModelComparison(results, names: ["Assigned", "Delivered", "Both", "IV"], stars: true)
    return (comparison, models)
  }

  static func golden(_ models: [String: Any], _ key: String) throws -> [String: Any] {
    let entry = try #require(models[key] as? [String: Any])
    let fits = try #require(entry["fits"] as? [String: Any])
    return try #require(fits["robust"] as? [String: Any])
  }

  /// The tidy CSV parsed back: every estimate, standard error, statistic, p-value and
  /// interval bound equals linearmodels' to 1e-8 relative (closed form).
  @Test func csvCarriesTheLinearmodelsNumbers() throws {
    let (comparison, models) = try Self.models()
    let lines = comparison.csv.split(separator: "\n").map(String.init)
    #expect(lines.first == "model,term,estimate,std_error,statistic,p_value,conf_low,conf_high")
    #expect(lines.count == 1 + 2 + 2 + 3 + 2)
    for (name, key) in zip(comparison.names, Self.keys) {
      let golden = try Self.golden(models, key)
      let names = try #require(golden["names"] as? [String])
      let conf = try #require(golden["conf_int"] as? [String: Any])
      let columns: [[Double]] = [
        try #require(golden["params"] as? [Double]), try #require(golden["std_errors"] as? [Double]),
        try #require(golden["tstats"] as? [Double]), try #require(golden["pvalues"] as? [Double]),
        try #require(conf["lower"] as? [Double]), try #require(conf["upper"] as? [Double]),
      ]
      for (i, term) in names.enumerated() {
        let line = try #require(lines.first { $0.hasPrefix("\(name),\(term),") })
        let values = line.split(separator: ",").dropFirst(2).map { Double($0) ?? .nan }
        expectClose(values, columns.map { $0[i] }, rtol: 1e-8, atol: 1e-300, "\(name) \(term)")
      }
    }
  }

  @Test func textTableHasOneColumnPerModelAndTheFirstStageF() throws {
    let (comparison, models) = try Self.models()
    #expect(comparison.terms == ["Intercept", "push_assigned", "push_delivered"])
    let text = comparison.table.text
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0].trimmingCharacters(in: .whitespaces) == "Model Comparison")
    #expect(lines[2].split(separator: " ").map(String.init) == ["Assigned", "Delivered", "Both", "IV"])
    // IV: push_delivered 3.2938 (0.7165), p < 0.01; the OLS-on-assignment column has no delivery row.
    let delivered = try #require(lines.firstIndex { $0.hasPrefix("push_delivered") })
    #expect(lines[delivered].hasSuffix("3.2938***"))
    #expect(lines[delivered + 1].hasSuffix("(0.7165)"))
    let firstStageF = try #require(lines.first { $0.hasPrefix("First-stage F (push_delivered)") })
    let ivGolden = try Self.golden(models, "iv")
    let firstStageGolden = try #require(ivGolden["first_stage"] as? [String: Any])
    let ivFirstStage = try #require(firstStageGolden["diagnostics"] as? [String: Any])
    let f = try #require((ivFirstStage["push_delivered"] as? [String: Any])?["f.stat"] as? Double)
    #expect(firstStageF.hasSuffix(String(format: "%.1f", f)))
    #expect(lines.contains { $0.hasPrefix("No. Observations") && $0.hasSuffix("10000") })
    #expect(text.contains("Standard errors in parentheses."))
    #expect(text.contains("* p < 0.1, ** p < 0.05, *** p < 0.01."))
  }

  @Test(arguments: [
    (ModelComparison.Statistic.tStatistic, "(4.5974)"), (.pValue, "(0.0000)"), (.confidenceInterval, "[1.8896, 4.6981]"),
  ])
  func statisticBelowTheEstimate(statistic: ModelComparison.Statistic, ivCell: String) throws {
    let (base, _) = try Self.models()
    let comparison = try ModelComparison(base.results, statistic: statistic)
    let lines = comparison.table.text.split(separator: "\n").map(String.init)
    let delivered = try #require(lines.firstIndex { $0.hasPrefix("push_delivered") })
    #expect(lines[delivered + 1].hasSuffix(ivCell))
    #expect(!lines[delivered].contains("*"))
    #expect(lines[2].contains("Model 4"))
  }

  @Test func starsFollowTheConventionalThresholds() throws {
    let (base, _) = try Self.models()
    let table = try ModelComparison(base.results, stars: true).table
    guard case .cells(let cells) = table.rows[0] else { Issue.record("first row is a rule"); return }
    #expect(cells.dropFirst().allSatisfy { $0.hasSuffix("***") })
    let thresholds: [(Double, String)] = [(0.2, ""), (0.09, "*"), (0.04, "**"), (0.009, "***"), (.nan, "")]
    for (p, expected) in thresholds {
      #expect(ModelComparison.significanceStars(p) == expected, "p = \(p)")
    }
  }
}
