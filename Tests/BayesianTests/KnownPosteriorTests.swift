import Foundation
import Formulas
import LinearAlgebra
import TestSupport
import Testing

@testable import Bayesian

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The sampler's blocks and the whole sampler on models whose posterior is known exactly
/// or by quadrature. Monte Carlo tolerances are four standard errors, from the run's own
/// effective sample size.
@Suite("Bayesian IV on known posteriors")
struct KnownPosteriorTests {
  /// Four Monte Carlo standard errors of a posterior mean.
  static func tolerance(_ row: PosteriorSummary.Row) -> Double {
    4 * row.standardDeviation / row.bulkEffectiveSampleSize.squareRoot()
  }

  @Test func coefficientConditionalIsTheStackedGLSPosterior() throws {
    let design = SimulatedIV.design(rows: 40)
    let prior = BayesianIVPrior(
      outcomeCoefficients: ["Intercept": NormalPrior(mean: 0.5, standardDeviation: 2)],
      firstStageCoefficients: ["z": NormalPrior(mean: 0, standardDeviation: 3)])
    let model = try BayesianIV(design: design, prior: prior)
    let sigma = Symmetric2x2(a: 2.2, b: 0.5, c: 0.7)
    let conditional = CoefficientConditional(layout: model.layout, statistics: model.statistics, covariance: sigma)
    let effectPrior = NormalPrior(mean: 1, standardDeviation: 4)
    let (mean, covariance) = try conditional.posteriorMoments(effectPrior: effectPrior)

    // Brute force: Σ_i W_iᵀ Σ⁻¹ W_i and Σ_i W_iᵀ Σ⁻¹ r_i row by row, θ = (a_y, β_t, a_t, β_z).
    let s = sigma.inverse
    let sInverse = [[s.a, s.b], [s.b, s.c]]
    var precision = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 4)
    var linear = [Double](repeating: 0, count: 4)
    for i in 0..<design.observationCount {
      let t = design.endogenous[i, 0], z = design.instruments[i, 0]
      let w = [[1, t, 0, 0], [0, 0, 1, z]]
      let r = [design.dependent[i], t]
      for a in 0..<4 {
        for b in 0..<4 {
          for p in 0..<2 { for q in 0..<2 { precision[a][b] += w[p][a] * sInverse[p][q] * w[q][b] } }
        }
        for p in 0..<2 { for q in 0..<2 { linear[a] += w[p][a] * sInverse[p][q] * r[q] } }
      }
    }
    let priors = [(0.5, 2.0), (1.0, 4.0), (0.0, .infinity), (0.0, 3.0)]
    for (a, (m, sd)) in priors.enumerated() where sd.isFinite {
      precision[a][a] += 1 / (sd * sd)
      linear[a] += m / (sd * sd)
    }
    let factor = try CholeskyDecomposition(Matrix(rows: precision))
    expectClose(mean, factor.solve(linear), rtol: 1e-9, "conditional mean")
    let expectedCovariance = factor.inverse()
    for a in 0..<4 { expectClose(covariance.row(a), expectedCovariance.row(a), rtol: 1e-8, "covariance row \(a)") }

    // The likelihood's information on β_t alone given the rest: the precision's diagonal entry.
    let theta = [0.9, 2.1, 0.4, 1.1]
    let (m, v) = conditional.effectLikelihood(given: theta)
    var likelihoodPrecision = precision
    likelihoodPrecision[1][1] -= 1 / 16
    expectClose(v, 1 / likelihoodPrecision[1][1], rtol: 1e-9, "effect likelihood variance")
    let rest = (0..<4).filter { $0 != 1 }.reduce(0.0) { $0 + likelihoodPrecision[1][$1] * theta[$1] }
    expectClose(m, (linear[1] - 1.0 / 16 - rest) / likelihoodPrecision[1][1], rtol: 1e-9, "effect likelihood mean")
  }

  @Test func knownUncorrelatedErrorsGiveTheOLSPosterior() throws {
    // With Σ known and diagonal and flat priors, β_t's posterior is N(OLS, σ_y²[(XᵀX)⁻¹]_tt)
    // for the outcome on [1, t]: the draws are independent, so ESS ≈ draws.
    let design = SimulatedIV.design(rows: 60)
    let model = try BayesianIV(
      design: design, prior: BayesianIVPrior(covariance: .known(Matrix(rows: [[2.25, 0], [0, 0.64]]))))
    let results = try model.fit(chains: 2, draws: 1000, warmup: 10, seed: 5)
    let summary = results.summary()
    let row = try #require(summary["t"])
    let t = design.endogenous.column(0), y = design.dependent
    let n = Double(t.count)
    let tBar = t.reduce(0, +) / n, yBar = y.reduce(0, +) / n
    let stt = t.reduce(0) { $0 + ($1 - tBar) * ($1 - tBar) }
    let sty = zip(t, y).reduce(0) { $0 + ($1.0 - tBar) * ($1.1 - yBar) }
    let olsSlope = sty / stt
    let exactSD = (2.25 / stt).squareRoot()
    expectClose(row.mean, olsSlope, atol: Self.tolerance(row), "posterior mean of the effect")
    // The sd of n independent normal draws has standard error ≈ sd/√(2n).
    expectClose(row.standardDeviation, exactSD, atol: 4 * exactSD / (2.0 * 2000).squareRoot(), "posterior sd")
    #expect(summary.rows.count == 4, "no Σ rows when Σ is known")
    #expect(results.covarianceAcceptanceRate == nil)
  }

  @Test func hierarchicalSamplerMatchesQuadrature() throws {
    // With Σ known the likelihood of β_t, other coefficients integrated out (flat priors), is
    // N(β̂, V): the exact posterior of (β̄, σ̄, β_t) is a two-dimensional integral.
    let design = SimulatedIV.design(rows: 50)
    let sigma = Matrix(rows: [[2.25, 0.48], [0.48, 0.64]])
    let hierarchy = HierarchicalEffectPrior(
      estimates: [1.2, 2.6, 1.9], standardErrors: [0.4, 0.5, 0.3],
      populationMean: NormalPrior(mean: 1, standardDeviation: 2), populationScale: 1)
    let model = try BayesianIV(design: design, prior: BayesianIVPrior(effect: .hierarchical(hierarchy), covariance: .known(sigma)))
    let conditional = CoefficientConditional(
      layout: model.layout, statistics: model.statistics, covariance: Symmetric2x2(a: 2.25, b: 0.48, c: 0.64))
    let (flatMean, flatCovariance) = try conditional.posteriorMoments(effectPrior: .flat)
    let betaHat = flatMean[1], variance = flatCovariance[1, 1]

    func normal(_ x: Double, _ m: Double, _ v: Double) -> Double { exp(-0.5 * (x - m) * (x - m) / v) / v.squareRoot() }
    var mass = 0.0, effectMean = 0.0, effectSecond = 0.0, populationMean = 0.0, spreadMean = 0.0
    let means = stride(from: -3.0, through: 6.0, by: 0.02)
    for spread in stride(from: 0.005, through: 12.0, by: 0.01) {
      let halfCauchy = 1 / (1 + spread * spread)
      for mu in means {
        var weight = halfCauchy * normal(mu, 1, 4) * normal(betaHat, mu, variance + spread * spread)
        for (b, se) in zip(hierarchy.estimates, hierarchy.standardErrors) { weight *= normal(b, mu, se * se + spread * spread) }
        // β_t | β̄, σ̄ is the product of N(β̂, V) and N(β̄, σ̄²).
        let precision = 1 / variance + 1 / (spread * spread)
        let conditionalMean = (betaHat / variance + mu / (spread * spread)) / precision
        mass += weight
        effectMean += weight * conditionalMean
        effectSecond += weight * (conditionalMean * conditionalMean + 1 / precision)
        populationMean += weight * mu
        spreadMean += weight * spread
      }
    }
    effectMean /= mass
    let effectSD = (effectSecond / mass - effectMean * effectMean).squareRoot()
    populationMean /= mass
    spreadMean /= mass

    let summary = try model.fit(chains: 4, draws: 1500, warmup: 200, seed: 9).summary()
    let effect = try #require(summary["t"])
    let mu = try #require(summary["effect_mean"])
    let spread = try #require(summary["effect_sd"])
    expectClose(effect.mean, effectMean, atol: Self.tolerance(effect), "β_t mean")
    expectClose(effect.standardDeviation, effectSD, atol: 0.05 * effectSD, "β_t sd")
    expectClose(mu.mean, populationMean, atol: Self.tolerance(mu), "β̄ mean")
    expectClose(spread.mean, spreadMean, atol: Self.tolerance(spread), "σ̄ mean")
    #expect(summary.rows.allSatisfy { $0.rHat < 1.01 }, "R-hat")
  }

  @Test func covarianceStepTargetsTheLKJHalfCauchyPosterior() throws {
    // Fixed residual cross-products of n = 8 rows: the posterior of (σ_y, σ_t, ρ) is
    // |Σ|^(−n/2) exp(−tr(EΣ⁻¹)/2) · HC(σ_y) HC(σ_t) (1 − ρ²)^(η−1) in those coordinates,
    // integrated on a grid — independent of the Jacobian the Metropolis weight uses.
    let n = 8
    let residuals = Symmetric2x2(a: 8 * 1.0, b: 8 * 0.3, c: 8 * 0.5)
    let step = CovarianceStep(eta: 2, scale: 0.5)
    var random = Xoshiro256StarStar(seed: 21)
    var sigma = Symmetric2x2(a: 1, b: 0, c: 1)
    var chains: [[[Double]]] = [[], [], []]
    var accepted = 0
    for _ in 0..<4 {
      var values: [[Double]] = [[], [], []]
      for iteration in 0..<4000 {
        let update = try step.update(sigma, residuals: residuals, count: n, &random)
        sigma = update.sigma
        guard iteration >= 100 else { continue }
        if update.accepted { accepted += 1 }
        let (sy, st, rho) = sigma.standardDeviationsAndCorrelation
        values[0].append(sy)
        values[1].append(st)
        values[2].append(rho)
      }
      for q in 0..<3 { chains[q].append(values[q]) }
    }
    var mass = 0.0
    var moments = [0.0, 0.0, 0.0]
    let grid = 60
    for i in 0..<grid {
      let sy = 0.05 + 3.5 * (Double(i) + 0.5) / Double(grid)
      for j in 0..<grid {
        let st = 0.05 + 2.5 * (Double(j) + 0.5) / Double(grid)
        for k in 0..<grid {
          let rho = -1 + 2 * (Double(k) + 0.5) / Double(grid)
          let s = Symmetric2x2(a: sy * sy, b: rho * sy * st, c: st * st)
          let inverse = s.inverse
          let trace = residuals.a * inverse.a + 2 * residuals.b * inverse.b + residuals.c * inverse.c
          let logDensity =
            -Double(n) / 2 * log(s.determinant) - trace / 2 - log1p(4 * sy * sy) - log1p(4 * st * st) + log1p(-rho * rho)
          let w = exp(logDensity)
          mass += w
          moments[0] += w * sy
          moments[1] += w * st
          moments[2] += w * rho
        }
      }
    }
    for q in 0..<3 {
      let row = PosteriorSummary.Row(name: "\(q)", chains: chains[q], hdiProbability: 0.94)
      expectClose(row.mean, moments[q] / mass, atol: KnownPosteriorTests.tolerance(row) + 0.005, "quantity \(q)")
    }
    #expect(Double(accepted) / Double(4 * 3900) > 0.3, "acceptance \(accepted)")
  }
}
