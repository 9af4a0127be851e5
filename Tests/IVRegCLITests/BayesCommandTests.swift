import Foundation
import TestSupport
import Testing

@testable import IVRegCLI

/// `ivreg bayes` in process: formats, the hierarchical options, the plot and the seed.
/// Small draw counts keep it fast; the numbers themselves are checked in BayesianTests.
@Suite("ivreg bayes")
struct BayesCommandTests {
  static let push = Fixtures.url("data/app_engagement_push.csv").path
  static let iv = "in_app_purchase ~ [push_delivered ~ push_assigned]"
  static let quick = ["--draws", "100", "--chains", "2", "--warmup", "50"]
  static let hierarchy = ["--prior-effects", "3.4,3.6,4.25,4.0,3.9", "--prior-ses", "0.5,0.55,0.6,0.45,0.44", "--population-prior", "4,2"]

  @Test func jsonCarriesTheSummaryPriorsAndTwoStageEstimate() throws {
    let outcome = IVRegCommand.run(["bayes", Self.push, Self.iv, "--format", "json"] + Self.quick + Self.hierarchy)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    let parameters = try #require(json["parameters"] as? [String: [String: Double]])
    #expect(Set(parameters.keys).isSuperset(of: ["effect_mean", "effect_sd", "push_delivered", "rho"]))
    let effect = try #require(parameters["push_delivered"])
    #expect(Set(effect.keys) == ["mean", "sd", "hdi_lower", "hdi_upper", "ess_bulk", "r_hat"])
    let twoStage = try #require(json["two_sls"] as? [String: Double])
    expectClose(twoStage["estimate"] ?? 0, 3.2938, atol: 5e-5, "2SLS")
    let prior = try #require((json["prior"] as? [String: Any])?["effect"] as? [String: Any])
    #expect(prior["kind"] as? String == "hierarchical")
    #expect((prior["estimates"] as? [Double])?.count == 5)
    let sampler = try #require(json["sampler"] as? [String: Any])
    #expect(sampler["chains"] as? Int == 2 && sampler["draws"] as? Int == 100 && sampler["seed"] as? Int == 1)
  }

  @Test func tablesInEveryFormat() throws {
    let csv = IVRegCommand.run(["bayes", Self.push, Self.iv, "--format", "csv", "--hdi", "0.9"] + Self.quick)
    let lines = csv.standardOutput.split(separator: "\n")
    #expect(lines.first == "parameter,mean,sd,hdi_5%,hdi_95%,ess_bulk,r_hat")
    #expect(lines.count == 8)
    #expect(lines[1].hasPrefix("push_delivered,3."))
    let markdown = IVRegCommand.run(["bayes", Self.push, Self.iv, "--format", "markdown"] + Self.quick)
    #expect(markdown.standardOutput.contains("| push\\_delivered "))
    let latex = IVRegCommand.run(["bayes", Self.push, Self.iv, "--format", "latex"] + Self.quick)
    #expect(latex.standardOutput.contains("\\begin{tabular}"))
    let text = IVRegCommand.run(["bayes", Self.push, Self.iv, "--effect-prior", "0,10"] + Self.quick)
    #expect(text.standardOutput.contains("Priors: effect N(0, 10); other coefficients flat"))
    #expect(text.standardOutput.contains("Warning: ess_bulk below 400"), "200 draws are flagged")
  }

  @Test func sameSeedSameOutputOtherSeedOther() {
    let a = IVRegCommand.run(["bayes", Self.push, Self.iv, "--seed", "5"] + Self.quick)
    let b = IVRegCommand.run(["bayes", Self.push, Self.iv, "--seed", "5"] + Self.quick)
    let c = IVRegCommand.run(["bayes", Self.push, Self.iv, "--seed", "6"] + Self.quick)
    #expect(a.standardOutput == b.standardOutput)
    #expect(a.standardOutput != c.standardOutput)
  }

  @Test func plotMarksTheTwoStageEstimateAndEarlierEstimates() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bayes-\(UUID()).svg").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let outcome = IVRegCommand.run(["bayes", Self.push, Self.iv, "--plot", path] + Self.quick + Self.hierarchy)
    #expect(outcome.status == 0)
    #expect(outcome.standardError == "Wrote posterior plot to \(path)\n")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.contains("class=\"reference\" data-value=\"3.293"))
    #expect(svg.components(separatedBy: "class=\"marker\"").count == 6)
    #expect(svg.contains("94% HDI"))
    let unwritable = IVRegCommand.run(["bayes", Self.push, Self.iv, "--plot", "/nonexistent/dir/p.svg"] + Self.quick)
    #expect(unwritable.status == 1)
    #expect(unwritable.standardError.hasPrefix("Error: --plot: cannot write '/nonexistent/dir/p.svg'"))
  }
}
