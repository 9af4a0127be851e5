import Foundation
import TestSupport
import Testing

@testable import IVRegCLI

/// Covariance and estimator options end to end (in process), against linearmodels 7.1's
/// published values for the 20-row data set.
@Suite("ivreg estimators and covariance options")
struct EstimatorOptionTests {
  let data = Fixtures.url("data/golden20.csv").path
  let formula = "y ~ 1 + x1 + [x2 ~ z1 + z2]"

  func json(_ extra: [String]) throws -> [String: Any] {
    let outcome = IVRegCommand.run([data, formula, "--format", "json"] + extra)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
  }

  func standardErrors(_ object: [String: Any]) throws -> [Double] {
    let se = try #require(object["std_errors"] as? [String: Double])
    return try ["Intercept", "x1", "x2"].map { try #require(se[$0]) }
  }

  @Test func clusterColumnFromTheCommandLine() throws {
    let object = try json(["--cluster", "g", "--debiased"])
    #expect(object["cov_type"] as? String == "clustered")
    expectClose(try standardErrors(object), [0.30971444306574375, 0.3830573502362042, 0.28669156099547694], rtol: 1e-10)
    #expect((object["cov_config"] as? [String: Any])?["num_clusters"] as? [Int] == [5])
  }

  @Test func kernelWithAutomaticBandwidth() throws {
    let object = try json(["--cov", "kernel"])
    expectClose(try standardErrors(object), [0.15975566134183158, 0.21364696913287387, 0.1567655258891009], rtol: 1e-10)
    #expect((object["cov_config"] as? [String: Any])?["bandwidth"] as? Double == 4)
  }

  @Test func limlAndFuller() throws {
    let liml = try json(["--estimator", "liml", "--cov", "unadjusted"])
    expectClose(try #require(liml["kappa"] as? Double), 1.0035639452138987, rtol: 1e-12)
    let fuller = try json(["--fuller", "1"])
    #expect(fuller["model"] as? String == "IV-LIML(fuller(alpha=1))")
    expectClose(try standardErrors(fuller), [0.22649776654758935, 0.23959063116557705, 0.2030791508833509], rtol: 1e-10)
  }

  @Test func gmmWithJStatistic() throws {
    let gmm = try json(["--estimator", "gmm"])
    #expect(gmm["model"] as? String == "IV-GMM")
    expectClose(try standardErrors(gmm), [0.22371837562477986, 0.2232431072380822, 0.21348204348476918], rtol: 1e-8)
    let j = try #require((gmm["gmm"] as? [String: Any])?["j_stat"] as? [String: Any])
    expectClose(try #require(j["stat"] as? Double), 0.0817599150015068, rtol: 1e-8)
    #expect(IVRegCommand.run([data, formula, "--weight", "clustered"]).standardError.hasPrefix("Error: Missing value for '--cluster <columns>'"))
    #expect(IVRegCommand.run([data, formula, "--estimator", "2sls", "--weight", "robust"]).status == 64)
  }

  @Test func weakInstrumentBlockInJSONAndText() throws {
    let object = try json([])
    let diagnostics = try #require(object["diagnostics"] as? [String: Any])
    #expect(diagnostics["cragg_donald"] != nil && diagnostics["kleibergen_paap_lm"] != nil)
    let weak = try #require(object["weak_instruments"] as? [String: Any])
    #expect(weak["cragg_donald_f"] is Double)
    #expect((weak["verdict"] as? String)?.isEmpty == false)
    #expect((weak["anderson_rubin_set"] as? [String: Any])?["shape"] as? String == "bounded")
    let text = IVRegCommand.run([data, formula, "--diagnostics"]).standardOutput
    #expect(text.contains("Specification Tests"))
    #expect(text.contains("\nWeak instruments\n"))
    #expect(text.contains("\nVerdict: "))
  }
}
