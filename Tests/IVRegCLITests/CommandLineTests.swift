import Foundation
import TestSupport
import Testing

@testable import IVRegCLI

@Suite("ivreg command line (in process)")
struct CommandLineTests {
  let push = Fixtures.url("data/app_engagement_push.csv").path

  @Test func helpAndVersionGoToStandardOutput() {
    let help = IVRegCommand.run(["--help"])
    #expect(help.status == 0)
    #expect(help.standardOutput.hasPrefix("OVERVIEW: "))
    #expect(help.standardOutput.contains("USAGE: ivreg <subcommand>"))
    #expect(help.standardOutput.contains("SUBCOMMANDS:"))
    let fitHelp = IVRegCommand.run(["data.csv", "y ~ x", "--help"])
    #expect(fitHelp.standardOutput.contains("USAGE: ivreg [fit] <data> <formula>"))
    #expect(help.standardError.isEmpty)
    let version = IVRegCommand.run(["--version"])
    #expect(version.status == 0)
    #expect(version.standardOutput == "0.2.0\n")
  }

  @Test("usage errors exit 64 with argument-parser wording", arguments: [
    ([], "Error: Missing expected argument '<data>'"),
    (["data.csv"], "Error: Missing expected argument '<formula>'"),
    (["data.csv", "y ~ x", "extra"], "Error: Unexpected argument 'extra'"),
    (["data.csv", "y ~ x", "--cov"], "Error: Missing value for '--cov <cov>'"),
    (["data.csv", "y ~ x", "--cov", "HC9"], "Error: The value 'HC9' is invalid for '--cov <cov>'. Please provide one of 'unadjusted', 'robust', 'hc0', 'hc1', 'hc2', 'hc3', 'clustered' or 'kernel'."),
    (["data.csv", "y ~ x", "--cov", "clustered"], "Error: Missing value for '--cluster <columns>'"),
    (["data.csv", "y ~ x", "--cov", "hc1", "--cluster", "g"], "Error: '--cluster' needs '--cov clustered', not '--cov hc1'"),
    (["data.csv", "y ~ x", "--bandwidth", "3", "--cov", "robust"], "Error: '--kernel' and '--bandwidth' need '--cov kernel', not '--cov robust'"),
    (["data.csv", "y ~ x", "--kernel", "gauss"], "Error: The value 'gauss' is invalid for '--kernel <kernel>'. Please provide one of 'bartlett', 'parzen' or 'qs'."),
    (["data.csv", "y ~ x", "--cluster", "a,b,c"], "Error: The value 'a,b,c' is invalid for '--cluster <columns>'"),
    (["data.csv", "y ~ x", "--debiased=false"], "Error: The flag '--debiased' does not take a value"),
    (["data.csv", "y ~ x", "--format=xml"], "Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'markdown', 'latex', 'json' or 'csv'."),
    (["data.csv", "y ~ x", "--level", "1.5"], "Error: The value '1.5' is invalid for '--level <level>'"),
    (["data.csv", "y ~ x", "--debaised"], "Error: Unknown option '--debaised'. Did you mean '--debiased'?"),
  ])
  func usageErrors(arguments: [String], firstLine: String) {
    let outcome = IVRegCommand.run(arguments)
    #expect(outcome.status == 64)
    #expect(outcome.standardOutput.isEmpty)
    let lines = outcome.standardError.split(separator: "\n").map(String.init)
    #expect(lines.first == firstLine)
    #expect(lines.dropFirst().first?.hasPrefix("Usage: ivreg") == true)
  }

  @Test func formulaSyntaxErrorIsAUsageErrorWithACaret() {
    let outcome = IVRegCommand.run([push, "in_app_purchase ~ 1 + [push_delivered ~ ]"])
    #expect(outcome.status == 64)
    #expect(outcome.standardError == """
      Error: formula column 41: the IV block has no instruments after '~'
        in_app_purchase ~ 1 + [push_delivered ~ ]
                                                ^

      """)
  }

  @Test func unknownColumnIsADataErrorWithASuggestion() {
    let outcome = IVRegCommand.run([push, "in_app_purchase ~ push_asigned"])
    #expect(outcome.status == 1)
    #expect(outcome.standardError.hasPrefix("Error: formula column 19: unknown column 'push_asigned' (did you mean 'push_assigned'?)\n"))
  }

  @Test func missingFileIsADataError() {
    let outcome = IVRegCommand.run(["/nonexistent/file.csv", "y ~ x"])
    #expect(outcome.status == 1)
    #expect(outcome.standardError.hasPrefix("Error: /nonexistent/file.csv: "))
    #expect(outcome.standardError.split(separator: "\n").count == 1)
  }

  @Test func collinearRegressorsAreNamed() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ivreg-collinear-\(UUID()).csv")
    try "y,a,b,c\n1,1,2,3\n2,2,1,3\n3,3,5,8\n5,4,3,7\n4,5,1,6\n".write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let outcome = IVRegCommand.run([url.path, "y ~ a + b + c"])
    #expect(outcome.status == 1)
    #expect(outcome.standardError == "Error: the regressors are perfectly collinear: 'c' is a linear combination of the others (c = 1·a + 1·b)\n")
  }

  @Test func jsonHasTheDocumentedShape() throws {
    let outcome = IVRegCommand.run([push, "in_app_purchase ~ [push_delivered ~ push_assigned]", "--format", "json"])
    #expect(outcome.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    for key in ["model", "dependent", "nobs", "rows_dropped", "cov_type", "debiased", "params", "std_errors", "tstats",
      "pvalues", "conf_int", "rsquared", "rsquared_adj", "f_statistic", "first_stage", "diagnostics"]
    {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(object["model"] as? String == "IV-2SLS")
    #expect(object["nobs"] as? Int == 10000)
    let params = try #require(object["params"] as? [String: Double])
    expectClose(try #require(params["push_delivered"]), 3.2938401294875104, rtol: 1e-10)
    let ci = try #require((object["conf_int"] as? [String: [Double]])?["push_delivered"])
    expectClose(ci, [1.8896, 4.6981], rtol: 1e-4)
    let diagnostics = try #require(object["diagnostics"] as? [String: [String: Any]])
    #expect(diagnostics["wu_hausman"]?["distribution"] as? String == "F(1,9997)")
    #expect(diagnostics["sargan"]?["stat"] is NSNull)
    let firstStage = try #require(object["first_stage"] as? [String: [String: Any]])
    #expect(firstStage["push_delivered"]?["partial_f_distribution"] as? String == "chi2(1)")
  }
}

/// Progress on large files goes to the reporter (standard error when it is a
/// terminal); without a reporter nothing extra is printed.
@Suite("ivreg progress messages")
struct ProgressMessageTests {
  final class Capture: @unchecked Sendable {
    var text = ""
  }

  @Test func largeFilesReportReading() throws {
    let capture = Capture()
    let reporter = ProgressReporter(largeFileBytes: 1000) { capture.text += $0 }
    let path = Fixtures.url("data/app_engagement_push.csv").path
    let outcome = IVRegCommand.run([path, "in_app_purchase ~ push_delivered", "--format", "csv"], progress: reporter)
    #expect(outcome.status == 0)
    #expect(outcome.standardError.isEmpty)
    #expect(capture.text.hasPrefix("Reading \(path) (0 MB)… 10000 rows in "))
    #expect(capture.text.hasSuffix(" s\n"))
  }

  @Test func crossValidationReportsEachFold() throws {
    let capture = Capture()
    let reporter = ProgressReporter { capture.text += $0 }
    let path = Fixtures.url("data/ab_tests_iv.csv").path
    let outcome = IVRegCommand.run(
      ["lasso", path, "y ~ 1 + c1 + c2 + [x ~ m*]", "--folds", "5", "--format", "csv"], progress: reporter)
    #expect(outcome.status == 0)
    #expect(outcome.standardError.isEmpty)
    for k in 1...5 { #expect(capture.text.contains("\rCross-validating the LASSO (x): fold \(k) of 5")) }
    #expect(capture.text.hasSuffix("fold 5 of 5\n"))
  }

  @Test func smallFilesAndNoReporterPrintNothingExtra() throws {
    let capture = Capture()
    let reporter = ProgressReporter { capture.text += $0 }
    let path = Fixtures.url("data/app_engagement_push.csv").path
    _ = IVRegCommand.run([path, "in_app_purchase ~ push_delivered"], progress: reporter)
    #expect(capture.text.isEmpty)
  }
}

/// The JSON weak-instrument block carries the Montiel Olea–Pflueger critical values
/// (iv-diagnostics.md §8.2, mroz, robust: a numpy re-implementation; 1e-6 because
/// its optimiser for B stops 4e-11 short of the supremum).
@Suite("ivreg JSON: effective F critical values")
struct EffectiveFJSONTests {
  @Test func generalizedAndLIMLCriticalValues() throws {
    let outcome = IVRegCommand.run([
      Fixtures.url("data/mroz_wage.csv").path, "lwage ~ exper + expersq + [educ ~ fatheduc + motheduc]", "--format", "json",
    ])
    #expect(outcome.status == 0)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    let weak = try #require(root["weak_instruments"] as? [String: Any])
    let effective = try #require(weak["effective_f"] as? [String: Any])
    func value(_ key: String, tau: Double) throws -> Double {
      let list = try #require(effective[key] as? [[String: Any]])
      let entry = try #require(list.first { ($0["tau"] as? Double) == tau })
      return try #require(entry["critical_value"] as? Double)
    }
    expectClose(try value("simplified_tsls", tau: 0.1), 19.784955665437177, rtol: 1e-8)
    expectClose(try value("generalized_tsls", tau: 0.1), 6.0206033567147275, rtol: 1e-6)
    expectClose(try value("liml", tau: 0.05), 21.405985917888838, rtol: 1e-6)
    expectClose(try #require(effective["tsls_bias_bound"] as? Double), 0.12129064630090235, rtol: 1e-6)
    #expect(effective["covariance_scaling"] as? String == "HC1")
  }
}
