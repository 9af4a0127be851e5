import Foundation
import Tabular
import TestSupport
import Testing

@testable import Bayesian

/// Seed 003's Bayesian IV of the app-push data (`app_engagement_push.csv`), with the seed's
/// priors: intercept_y ~ N(50, 10), intercept_t ~ N(0, 1), β_t, β_z ~ N(0, 10), LKJ(2) with
/// half-Cauchy(2) scales; hierarchically, β̄ ~ N(4, 2) and σ̄ ~ half-Cauchy(2).
///
/// The seed's numbers come from PyMC/NumPyro (4 chains × 4 000 draws), each with its own
/// Monte Carlo error (the seed's `mcse_mean`) and rounded to three decimals. The tolerance
/// of a mean is four combined Monte Carlo standard errors, `4·√(sd²/ess + mcse²)`, with our
/// run's sd and bulk ESS, plus the rounding (0.0005); of a standard deviation, four
/// standard errors of a sample sd, `sd/√(2·ess)`, from both runs. The priors are the
/// seed's, so no allowance is made for prior differences. A fixed seed keeps the test
/// deterministic; the tolerance is what any seed would meet.
@Suite("Seed 003: Bayesian IV of the app-push experiment")
struct SeedAppPushBayesTests {
  static let formula = "in_app_purchase ~ [push_delivered ~ push_assigned]"

  static func seedPrior(hierarchical: Bool) -> BayesianIVPrior {
    BayesianIVPrior(
      effect: hierarchical
        ? .hierarchical(
          HierarchicalEffectPrior(
            estimates: [3.4, 3.6, 4.25, 4.0, 3.9], standardErrors: [0.5, 0.55, 0.6, 0.45, 0.44],
            populationMean: NormalPrior(mean: 4, standardDeviation: 2), populationScale: 2))
        : .normal(NormalPrior(mean: 0, standardDeviation: 10)),
      outcomeCoefficients: ["Intercept": NormalPrior(mean: 50, standardDeviation: 10)],
      firstStageCoefficients: [
        "Intercept": NormalPrior(mean: 0, standardDeviation: 1), "push_assigned": NormalPrior(mean: 0, standardDeviation: 10),
      ],
      covariance: .lkj(eta: 2, scale: 2))
  }

  static func fit(hierarchical: Bool) throws -> PosteriorSummary {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/app_engagement_push.csv").path)
    let model = try BayesianIV(formula: formula, data: data, prior: seedPrior(hierarchical: hierarchical))
    return try model.fit(chains: 4, draws: 1000, warmup: 300, seed: 2026).summary()
  }

  /// Checks a row against the seed's mean, sd, ess_bulk-implied and mcse.
  static func check(
    _ summary: PosteriorSummary, _ name: String, mean: Double, sd: Double, seedESS: Double, seedMCSE: Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let row = summary[name] else {
      Issue.record("no row \(name)", sourceLocation: sourceLocation)
      return
    }
    let ours = row.standardDeviation * row.standardDeviation / row.bulkEffectiveSampleSize
    let meanTolerance = 4 * (ours + seedMCSE * seedMCSE).squareRoot() + 0.0005
    expectClose(row.mean, mean, atol: meanTolerance, "\(name) mean", sourceLocation: sourceLocation)
    let sdTolerance =
      4 * (sd * sd / (2 * seedESS) + row.standardDeviation * row.standardDeviation / (2 * row.bulkEffectiveSampleSize))
      .squareRoot() + 0.0005
    expectClose(row.standardDeviation, sd, atol: sdTolerance, "\(name) sd", sourceLocation: sourceLocation)
    #expect(row.rHat < 1.01, "\(name) r_hat \(row.rHat)", sourceLocation: sourceLocation)
  }

  @Test func structuralModel() throws {
    let summary = try Self.fit(hierarchical: false)
    Self.check(summary, "push_delivered", mean: 3.340, sd: 0.722, seedESS: 6493, seedMCSE: 0.009)
    Self.check(summary, "push_delivered~push_assigned", mean: 0.718, sd: 0.006, seedESS: 10286, seedMCSE: 0.0005)
    Self.check(summary, "Intercept", mean: 69.262, sd: 0.363, seedESS: 7635, seedMCSE: 0.004)
    Self.check(summary, "push_delivered~Intercept", mean: 0, sd: 0.004, seedESS: 11250, seedMCSE: 0.0005)
    // "The correlation is around 0.3" (read off the seed's histogram).
    let rho = try #require(summary["rho"])
    #expect(abs(rho.mean - 0.3) < 0.02, "rho \(rho.mean)")
    // The posterior agrees with 2SLS (3.2938, robust SE 0.7165) to within a tenth of an sd.
    let effect = try #require(summary["push_delivered"])
    #expect(abs(effect.mean - 3.2938) < 0.1 * 0.7165)
  }

  @Test func hierarchicalPrior() throws {
    let summary = try Self.fit(hierarchical: true)
    Self.check(summary, "effect_mean", mean: 3.776, sd: 0.262, seedESS: 8943, seedMCSE: 0.003)
    Self.check(summary, "effect_sd", mean: 0.302, sd: 0.271, seedESS: 6148, seedMCSE: 0.003)
    Self.check(summary, "push_delivered", mean: 3.709, sd: 0.363, seedESS: 10025, seedMCSE: 0.004)
    Self.check(summary, "push_delivered~push_assigned", mean: 0.719, sd: 0.006, seedESS: 14523, seedMCSE: 0.0005)
    Self.check(summary, "Intercept", mean: 69.132, sd: 0.287, seedESS: 12511, seedMCSE: 0.003)
  }

  @Test func sameSeedSameDraws() throws {
    let model = try BayesianIV(design: SimulatedIV.design(rows: 30))
    let a = try model.fit(chains: 2, draws: 20, warmup: 5, seed: 7)
    let b = try model.fit(chains: 2, draws: 20, warmup: 5, seed: 7)
    let c = try model.fit(chains: 2, draws: 20, warmup: 5, seed: 8)
    #expect(a.draws == b.draws)
    #expect(a.draws != c.draws)
    // Adding a chain leaves the first ones as they were.
    let d = try model.fit(chains: 3, draws: 20, warmup: 5, seed: 7)
    #expect(d.draws.map { Array($0.prefix(2)) } == a.draws)
  }
}
