import Foundation
import TestSupport
import Testing

/// Runs the built `ivreg` executable as a user would.
@Suite("ivreg binary end to end", .serialized)
struct EndToEndTests {
  static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = Bundle.main.bundleURL.appendingPathComponent("ivreg")
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
  }

  @Test(arguments: [
    ("in_app_purchase ~ 1 + push_assigned", "app_push_assigned_robust"),
    ("in_app_purchase ~ 1 + push_delivered", "app_push_delivered_robust"),
    ("in_app_purchase ~ 1 + push_assigned + push_delivered", "app_push_both_robust"),
    ("in_app_purchase ~ [push_delivered ~ push_assigned]", "app_push_iv_robust"),
  ])
  func appPushSummariesMatchLinearmodels(formula: String, golden: String) throws {
    let result = try Self.run([Fixtures.url("data/app_engagement_push.csv").path, formula])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    expectSameSummary(String(result.stdout.dropLast()), try Fixtures.text("golden/\(golden).summary.txt"))
  }

  @Test func smokingWithFirstStage() throws {
    let result = try Self.run([Fixtures.url("data/smoking_birthweight.csv").path, "birthweight ~ [cigarettes ~ taxes]", "--first-stage"])
    #expect(result.status == 0)
    // Output: the summary, a blank line, the first stage, a final newline.
    let summary = try Fixtures.text("golden/smoking_iv_robust.summary.txt")
    let firstStage = try Fixtures.text("golden/smoking_iv_robust.first_stage.txt")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    let summaryLineCount = summary.split(separator: "\n", omittingEmptySubsequences: false).count
    expectSameSummary(lines.prefix(summaryLineCount).joined(separator: "\n"), summary)
    #expect(lines.dropFirst(summaryLineCount).joined(separator: "\n") == "\n" + firstStage + "\n")
  }

  @Test func dataErrorsExitOneWithOneLine() throws {
    let result = try Self.run([Fixtures.url("data/smoking_birthweight.csv").path, "birthweight ~ [cigarettes ~ cigarettes]"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("Error: formula column 29: instrument 'cigarettes' is also an endogenous regressor"))
  }

  @Test func usageErrorsExitSixtyFour() throws {
    let result = try Self.run(["--bogus"])
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: Unknown option '--bogus'"))
  }
}
