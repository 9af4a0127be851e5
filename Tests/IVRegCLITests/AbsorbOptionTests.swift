import Foundation
import TestSupport
import Testing

@testable import IVRegCLI

/// `--absorb`: the intercept and a categorical term as group codes give the dense fit's
/// numbers; the option's values and limits.
@Suite("ivreg --absorb")
struct AbsorbOptionTests {
  /// A small IV data set with an eight-level text factor; written once to a temporary file.
  static let data: String = {
    var rng = SplitMix64(seed: 8)
    func normal() -> Double {
      let u1 = Double(rng.next() >> 11 + 1) / 9_007_199_254_740_993.0
      let u2 = Double(rng.next() >> 11) / 9_007_199_254_740_992.0
      return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
    var lines = ["y,x,t,z1,z2,region,firm"]
    for i in 0..<400 {
      let level = Int(rng.next() % 8)
      let (x, z1, z2, u) = (normal(), normal(), normal(), normal())
      let t = 0.7 * z1 + 0.4 * z2 + 0.3 * x + 0.5 * u + Double(level) * 0.2 + normal()
      let y = 1 + 0.5 * x - t + Double(level) * 0.3 + u
      lines.append("\(y),\(x),\(t),\(z1),\(z2),r\(level),\(i % 23)")
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("absorb-\(ProcessInfo.processInfo.processIdentifier).csv")
    try? lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }()

  static let formula = "y ~ x + C(region) + [t ~ z1 + z2]"

  func json(_ extra: [String]) throws -> [String: Any] {
    let outcome = IVRegCommand.run([Self.data, Self.formula, "--format", "json"] + extra)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
  }

  @Test(arguments: [["--cov", "robust"], ["--cluster", "firm"], ["--cov", "unadjusted", "--debiased"], ["--cov", "hc1"]])
  func sameNumbersAsDummyColumns(options: [String]) throws {
    let absorbed = try json(["--absorb", "yes"] + options)
    let dense = try json(["--absorb", "no"] + options)
    for key in ["params", "std_errors"] {
      let a = try #require(absorbed[key] as? [String: Double]), b = try #require(dense[key] as? [String: Double])
      #expect(Set(a.keys) == Set(b.keys))
      for (name, value) in b { expectClose(a[name] ?? .nan, value, rtol: 1e-9, atol: 1e-12, "\(key) \(name) \(options)") }
    }
  }

  @Test func textSummaryNamesTheAbsorbedTerm() {
    let outcome = IVRegCommand.run([Self.data, Self.formula, "--absorb", "yes", "--diagnostics"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput.contains("Note: the intercept and C(region) (8 levels) were absorbed"))
    #expect(outcome.standardOutput.contains("C(region)[T.r7]"))
    #expect(outcome.standardOutput.contains("N/A: Wooldridge's tests are not computed"))
  }

  @Test func refusals() {
    let nothing = IVRegCommand.run([Self.data, "y ~ 0 + x + [t ~ z1 + z2]", "--absorb", "yes"])
    #expect(nothing.status == 1)
    #expect(nothing.standardError.contains("nothing") || nothing.standardError.contains("neither"))
    let hc3 = IVRegCommand.run([Self.data, Self.formula, "--absorb", "yes", "--cov", "hc3"])
    #expect(hc3.status == 1)
    #expect(hc3.standardError.hasPrefix("Error: HC3 standard errors need leverages"))
    let value = IVRegCommand.run([Self.data, Self.formula, "--absorb", "maybe"])
    #expect(value.status == 64)
    let lasso = IVRegCommand.run([Self.data, Self.formula, "--select-instruments", "cv", "--absorb", "yes"])
    #expect(lasso.status == 64)
    // Automatic absorption leaves an estimator it does not offer to the dense route.
    let auto = IVRegCommand.run([Self.data, Self.formula, "--cov", "hc3"])
    #expect(auto.status == 0)
  }
}

/// `--streaming`: two passes over blocks of the file give the in-memory numbers.
@Suite("ivreg --streaming")
struct StreamingOptionTests {
  let data = Fixtures.url("data/iv_workload_2000.csv").path
  let formula = "y ~ x1 + x2 + x3 + C(g) + [t1 + t2 ~ z1 + z2 + z3 + z4]"

  func json(_ extra: [String]) throws -> [String: Any] {
    let outcome = IVRegCommand.run([data, formula, "--format", "json"] + extra)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
  }

  @Test(arguments: [["--cov", "robust"], ["--cluster", "g", "--debiased"], ["--cov", "unadjusted"]])
  func sameNumbersAsInMemory(options: [String]) throws {
    let streamed = try json(["--streaming"] + options)
    let inMemory = try json(["--absorb", "yes"] + options)
    for key in ["params", "std_errors"] {
      let a = try #require(streamed[key] as? [String: Double]), b = try #require(inMemory[key] as? [String: Double])
      #expect(a.count == 1 + 3 + 49 + 2)
      for (name, value) in b { expectClose(a[name] ?? .nan, value, rtol: 1e-10, atol: 1e-13, "\(key) \(name) \(options)") }
    }
    expectClose(streamed["rsquared"] as? Double ?? .nan, inMemory["rsquared"] as? Double ?? .nan, rtol: 1e-10)
  }

  @Test func textOutputWithFirstStageAndTests() {
    let outcome = IVRegCommand.run([data, formula, "--streaming", "--first-stage", "--diagnostics"])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("(--absorb, --streaming)"))
    #expect(outcome.standardOutput.contains("Partial F-statistic"))
    #expect(outcome.standardOutput.contains("Sargan (overidentification)"))
  }

  @Test func refusals() {
    for extra in [["--subset", "x1 > 0"], ["--absorb", "no"], ["--estimator", "liml"], ["--select-instruments", "cv"]] {
      let outcome = IVRegCommand.run([data, formula, "--streaming"] + extra)
      #expect(outcome.status == 64, "\(extra): \(outcome.standardError)")
    }
    let hac = IVRegCommand.run([data, formula, "--streaming", "--cov", "kernel"])
    #expect(hac.status == 1)
    #expect(hac.standardError.hasPrefix("Error: kernel (HAC) standard errors are not offered when streaming"))
    let twoWay = IVRegCommand.run([data, formula, "--streaming", "--cluster", "g,x1"])
    #expect(twoWay.status == 1)
    let nothing = IVRegCommand.run([data, "y ~ 0 + x1 + [t1 ~ z1]", "--streaming"])
    #expect(nothing.status == 1)
    let missing = IVRegCommand.run(["/nonexistent/file.csv", formula, "--streaming"])
    #expect(missing.status == 1)
    #expect(missing.standardError.hasPrefix("Error: /nonexistent/file.csv"))
  }
}

extension StreamingOptionTests {
  @Test func headerOnlyAndMixedColumns() throws {
    let directory = FileManager.default.temporaryDirectory
    let header = directory.appendingPathComponent("streaming-header-\(UUID().uuidString).csv")
    try "y,x,g\n".write(to: header, atomically: true, encoding: .utf8)
    let empty = IVRegCommand.run([header.path, "y ~ x + C(g)", "--streaming"])
    #expect(empty.status == 1)
    #expect(empty.standardError == "Error: \(header.path): the file has a header but no rows\n")
    let mixed = directory.appendingPathComponent("streaming-mixed-\(UUID().uuidString).csv")
    try "y,x,g\n1,1,a\n2,\"3\n4\",b\n".write(to: mixed, atomically: true, encoding: .utf8)
    let outcome = IVRegCommand.run([mixed.path, "y ~ x + C(g)", "--streaming"])
    #expect(outcome.status == 1)
    #expect(outcome.standardError.contains("column 'x' mixes numbers and text"))
    #expect(outcome.standardError.contains("(line 3)"))
  }
}
