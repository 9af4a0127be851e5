import Foundation
import TestSupport
import Testing

@testable import Bayesian

/// The diagnostics against ArviZ 0.23.4 on the small chains of
/// `Fixtures/reference/bayes/diagnostics.json` (`scripts/make_bayes_diagnostic_goldens.py`).
@Suite("ArviZ's R-hat, bulk ESS and HDI")
struct DiagnosticsGoldenTests {
  struct Case {
    let name: String
    let chains: [[Double]]
    let reference: [String: Any]
  }

  static func cases() throws -> [Case] {
    let json = try #require(try Fixtures.json("reference/bayes/diagnostics.json") as? [String: [String: Any]])
    return try json.keys.sorted().map { name in
      let entry = try #require(json[name])
      let text = try #require(entry["chains"] as? [[String]])
      let chains = try text.map { row in try row.map { try #require(Double($0)) } }
      return Case(name: name, chains: chains, reference: entry)
    }
  }

  @Test func everyCaseMatchesArviZ() throws {
    let cases = try Self.cases()
    #expect(cases.count == 8)
    for c in cases {
      let essExpected = try #require(c.reference["ess_bulk"] as? Double)
      expectClose(ConvergenceDiagnostics.bulkEffectiveSampleSize(c.chains), essExpected, rtol: 1e-9, "\(c.name) ess_bulk")
      let rHat = ConvergenceDiagnostics.rankNormalizedSplitRHat(c.chains)
      if let expected = c.reference["r_hat"] as? Double {
        expectClose(rHat, expected, rtol: 1e-9, "\(c.name) r_hat")
      } else {
        #expect(rHat.isNaN, "\(c.name): ArviZ gives no R-hat for one chain")
      }
      let hdi = try #require((c.reference["hdi_94"] as? [String])?.compactMap(Double.init))
      let interval = HighestDensityInterval(c.chains.flatMap { $0 }, probability: 0.94)
      #expect(interval.lower == hdi[0], "\(c.name) hdi_3%")
      #expect(interval.upper == hdi[1], "\(c.name) hdi_97%")
      let row = PosteriorSummary.Row(name: c.name, chains: c.chains, hdiProbability: 0.94)
      expectClose(row.mean, try #require(c.reference["mean"] as? Double), rtol: 1e-12, "\(c.name) mean")
      expectClose(row.standardDeviation, try #require(c.reference["sd"] as? Double), rtol: 1e-12, "\(c.name) sd")
    }
  }

  @Test func autocorrelationLowersTheEffectiveSampleSize() {
    // AR(1) chains with φ = 0.9 have ESS ≈ N(1 − φ)/(1 + φ) ≈ 0.053 N; iid chains ≈ N.
    var random = Xoshiro256StarStar(seed: 7)
    func chain(_ phi: Double, _ n: Int) -> [Double] {
      var x = RandomVariates.normal(&random) / (1 - phi * phi).squareRoot()
      return (0..<n).map { _ in
        x = phi * x + RandomVariates.normal(&random)
        return x
      }
    }
    let iid = (0..<4).map { _ in chain(0, 2000) }
    let correlated = (0..<4).map { _ in chain(0.9, 2000) }
    let essIID = ConvergenceDiagnostics.bulkEffectiveSampleSize(iid)
    let essAR = ConvergenceDiagnostics.bulkEffectiveSampleSize(correlated)
    #expect(essIID > 0.85 * 8000 && essIID < 1.15 * 8000, "iid ESS \(essIID)")
    let theory = 8000 * 0.1 / 1.9
    #expect(essAR > 0.7 * theory && essAR < 1.3 * theory, "AR(0.9) ESS \(essAR), theory \(theory)")
    #expect(ConvergenceDiagnostics.rankNormalizedSplitRHat(iid) < 1.01)
    // Chains stuck in different places are flagged.
    let apart = correlated.enumerated().map { c, values in values.map { $0 + Double(c) * 2 } }
    #expect(ConvergenceDiagnostics.rankNormalizedSplitRHat(apart) > 1.1)
  }

  @Test func highestDensityIntervalOfANormal() {
    var random = Xoshiro256StarStar(seed: 11)
    let draws = (0..<40_000).map { _ in 2 + 3 * RandomVariates.normal(&random) }
    let interval = HighestDensityInterval(draws, probability: 0.94)
    // The 94 % HDI of N(2, 3²) is 2 ± 3·Φ⁻¹(0.97) = 2 ± 5.6424; the sample quantiles'
    // standard error is about 3·√(0.03·0.97)/(φ(1.88)·√40000) ≈ 0.037.
    expectClose(interval.lower, 2 - 3 * 1.880794, atol: 0.12, "hdi lower")
    expectClose(interval.upper, 2 + 3 * 1.880794, atol: 0.12, "hdi upper")
    #expect(HighestDensityInterval.labels(probability: 0.94) == ("hdi_3%", "hdi_97%"))
    #expect(HighestDensityInterval.labels(probability: 0.9) == ("hdi_5%", "hdi_95%"))
    #expect(HighestDensityInterval([1], probability: 0.94).lower.isNaN)
  }

  @Test func degenerateInputsGiveNaNNotTraps() {
    #expect(ConvergenceDiagnostics.bulkEffectiveSampleSize([[1, 2, 3]]).isNaN)
    #expect(ConvergenceDiagnostics.rankNormalizedSplitRHat([[1, 1, 1, 1], [1, 1, 1, 1]]).isNaN)
    #expect(ConvergenceDiagnostics.bulkEffectiveSampleSize([[1, 1, 1, 1], [1, 1, 1, 1]]) == 8)
    #expect(ConvergenceDiagnostics.bulkEffectiveSampleSize([[1, 2, 3, 4], [1, 2]]).isNaN)
    #expect(ConvergenceDiagnostics.bulkEffectiveSampleSize([]).isNaN)
    #expect(ConvergenceDiagnostics.rankNormalizedSplitRHat([[1, .nan, 3, 4], [1, 2, 3, 4]]).isNaN)
  }
}
