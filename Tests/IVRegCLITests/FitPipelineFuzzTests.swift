import Foundation
import IVRegCLI
import TestSupport
import Testing

/// The whole `fit` pipeline on small random tables, formulas and options, in process:
/// a bounded, deterministic companion of `Tests/Fuzz/Harnesses/FuzzFit.swift` (issue 9).
/// Every run ends with exit 0, 1 or 64; a failure prints nothing on standard output
/// and one `Error: …` first on standard error; a success prints no error and no NaN
/// without a word around it.
@Suite("ivreg fit on random small tables")
struct FitPipelineFuzzTests {
  static let cells = [
    "1", "2", "-3.5", "0", "1e6", "1e-6", "7", "NA", "", "inf", "1e400", "word", "\"4\"", "2,5", "0.25", "-1", "3", "5",
  ]
  static let formulas = [
    "y ~ x", "y ~ x + w", "y ~ [x ~ z]", "y ~ w + [x ~ z + g]", "y ~ log(w) + x", "y ~ C(g) + x", "y ~ 0 + x",
    "y ~ I(x ** 2) + x", "y ~ x:w + z", "x ~ [y ~ z]", "y ~ [x + w ~ z]", "y ~ x*w - 1",
  ]
  static let options: [[String]] = [
    [], ["--cov", "unadjusted"], ["--cov", "hc3"], ["--cluster", "g"], ["--bandwidth", "2"], ["--estimator", "liml"],
    ["--estimator", "gmm"], ["--fuller", "1"], ["--format", "json"], ["--format", "csv"], ["--first-stage", "--diagnostics"],
    ["--subset", "w > 0"], ["--strict"], ["--debiased"], ["--level", "0.9"], ["--kernel", "parzen"],
  ]

  @Test func randomTablesNeverCrashOrLie() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ivreg-fit-fuzz-\(UUID()).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    var rng = SplitMix64(seed: 0xF17)
    func random(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    var statuses: [Int32: Int] = [:]
    for _ in 0..<1_500 {
      let rows = 2 + random(12)
      // Mostly clean numbers, so that fits succeed as well as fail.
      let clean = random(3) > 0
      var text = "y,x,z,w,g\n"
      for _ in 0..<rows {
        let row = (0..<5).map { _ in
          clean && random(10) > 0 ? "\(Double(random(200)) / 10 - 5)" : Self.cells[random(Self.cells.count)]
        }
        text += row.joined(separator: ",") + "\n"
      }
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let arguments = [path, Self.formulas[random(Self.formulas.count)]] + Self.options[random(Self.options.count)]
      let outcome = IVRegCommand.run(arguments)
      statuses[outcome.status, default: 0] += 1
      let context = "\(arguments.dropFirst()) on\n\(text)"
      switch outcome.status {
      case 0:
        #expect(!outcome.standardError.contains("Error"), "\(context)")
        // A NaN or infinity in a text summary only as the N/A of a statistic, never bare.
        if !arguments.contains("--format") {
          #expect(!outcome.standardOutput.contains("nan"), "\(context)\n\(outcome.standardOutput)")
        }
      case 1, 64:
        #expect(outcome.standardOutput.isEmpty, "\(context)")
        #expect(outcome.standardError.hasPrefix("Error: "), "\(context)")
      default:
        Issue.record("exit status \(outcome.status): \(context)")
      }
    }
    // Both outcomes must be exercised for the test to mean anything.
    #expect(statuses[0, default: 0] > 250, "\(statuses)")
    #expect(statuses[1, default: 0] > 250, "\(statuses)")
  }
}
