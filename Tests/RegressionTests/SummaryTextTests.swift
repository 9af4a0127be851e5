import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// `summary` and `firstStage.summary` against linearmodels 7.1's printed text
/// (`Fixtures/golden/*.txt`), line by line except the Date/Time lines.
@Suite("Summary text matches linearmodels")
struct SummaryTextTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let golden: String
    let data: String
    let formula: String
    let covariance: CovarianceEstimator
    let debiased: Bool
    var testDescription: String { golden }
  }

  static let cases: [Case] = [
    Case(golden: "app_push_assigned_robust", data: "app_engagement_push.csv", formula: "in_app_purchase ~ 1 + push_assigned", covariance: .robust, debiased: false),
    Case(golden: "app_push_delivered_robust", data: "app_engagement_push.csv", formula: "in_app_purchase ~ 1 + push_delivered", covariance: .robust, debiased: false),
    Case(golden: "app_push_both_robust", data: "app_engagement_push.csv", formula: "in_app_purchase ~ 1 + push_assigned + push_delivered", covariance: .robust, debiased: false),
    Case(golden: "app_push_iv_robust", data: "app_engagement_push.csv", formula: "in_app_purchase ~ 1 + [push_delivered ~ push_assigned]", covariance: .robust, debiased: false),
    Case(golden: "app_push_iv_unadjusted_debiased", data: "app_engagement_push.csv", formula: "in_app_purchase ~ 1 + [push_delivered ~ push_assigned]", covariance: .unadjusted, debiased: true),
    Case(golden: "smoking_iv_robust", data: "smoking_birthweight.csv", formula: "birthweight ~ 1 + [cigarettes ~ taxes]", covariance: .robust, debiased: false),
    Case(golden: "golden20_iv_robust", data: "golden20.csv", formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", covariance: .robust, debiased: false),
    Case(golden: "golden20_iv_unadjusted", data: "golden20.csv", formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", covariance: .unadjusted, debiased: false),
    Case(golden: "golden20_iv_unadjusted_debiased", data: "golden20.csv", formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", covariance: .unadjusted, debiased: true),
    Case(golden: "golden20_ols_robust", data: "golden20.csv", formula: "y ~ 1 + x1 + x2", covariance: .robust, debiased: false),
    Case(golden: "golden20_two_endog_robust", data: "golden20.csv", formula: "y ~ 1 + [x1 + x2 ~ z1 + z2 + g]", covariance: .robust, debiased: false),
  ]

  static func fit(_ c: Case) throws -> RegressionResults {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/\(c.data)").path)
    return try IV2SLS(formula: c.formula, data: data).fit(covariance: c.covariance, debiased: c.debiased)
  }

  @Test(arguments: cases)
  func summary(_ c: Case) throws {
    expectSameSummary(try Self.fit(c).summary, try Fixtures.text("golden/\(c.golden).summary.txt"))
  }

  @Test(arguments: cases.filter { Fixtures.exists("golden/\($0.golden).first_stage.txt") })
  func firstStageSummary(_ c: Case) throws {
    let firstStage = try #require(try Self.fit(c).firstStage)
    // app push: the first-stage intercept is exactly 0; both tools print rounding noise
    // there (linearmodels a blank t-stat), and that cell sets the width of the "=" run.
    let noise: Set<Int> = c.golden.hasPrefix("app_push") ? [10, 11, 12] : []
    var summary = firstStage.summary
    if c.golden.hasPrefix("app_push") {
      // Our addition after linearmodels' text: the note explaining that t-stat.
      let note = "\nNote: the std. error of Intercept (push_delivered) is zero up to rounding; its t-stat is not informative"
      #expect(summary.hasSuffix(note))
      summary = String(summary.dropLast(note.count))
    }
    expectSameSummary(summary, try Fixtures.text("golden/\(c.golden).first_stage.txt"), skipping: noise)
  }

  @Test func appPushFirstStageInterceptGetsARealTStatistic() throws {
    let firstStage = try #require(try Self.fit(Self.cases[3]).firstStage)
    let intercept = firstStage.regressions[0]
    expectClose(intercept.params[0], 0, atol: 1e-12)
    let lines = firstStage.summary.split(separator: "\n").map(String.init)
    #expect(lines[11].hasPrefix("Intercept"))
    #expect(lines[12].trimmingPrefix(while: { $0 == " " }).hasPrefix("(") && !lines[12].contains("(        )"))
  }

  @Test func dateAndTimeComeFromTheFit() throws {
    let results = try Self.fit(Self.cases[6])
    // Noon UTC keeps the calendar day the same in every time zone from UTC−11 to UTC+11.
    let lines = results.summary(date: Date(timeIntervalSince1970: 1_795_003_200)).split(separator: "\n").map(String.init)
    #expect(lines[5].hasPrefix("Date:                Wed, Nov 18 2026   P-value (F-stat)"))
    #expect(lines[6].wholeMatch(of: /Time:                        \d\d:\d\d:\d\d   Distribution: +chi2\(2\)/) != nil)
  }
}

@Suite("Specification tests block")
struct DiagnosticsSummaryTests {
  @Test func oneLinePerTestWithLinearmodelsNumbers() throws {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/golden20.csv").path)
    let results = try IV2SLS(formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", data: data).fit(covariance: .unadjusted)
    // The specification-tests table, a blank line, then the weak-instrument block.
    let parts = results.diagnosticsSummary.components(separatedBy: "\n\n")
    #expect(parts.count == 2)
    let lines = parts[0].split(separator: "\n").map(String.init)
    #expect(lines.count == 14)
    #expect(parts.last?.hasPrefix("Weak instruments\n") == true)
    #expect(parts.last?.split(separator: "\n").last?.hasPrefix("Verdict: ") == true)
    #expect(lines[1].allSatisfy { $0 == "=" })
    // linearmodels 7.1 (§10): Wu-Hausman 7.748384972192274 F(1,16), Sargan 0.07109715400801297.
    #expect(lines[4] == "Wu-Hausman (exogeneity)                    7.7484        F(1,16)    0.0133")
    #expect(lines[6] == "Sargan (overidentification)                0.0711        chi2(1)    0.7897")
    let ols = try OLS(formula: "y ~ x1 + x2", data: data).fit()
    #expect(ols.diagnosticsSummary.isEmpty)
  }
}
