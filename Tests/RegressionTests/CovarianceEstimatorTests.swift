import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// Clustered and kernel covariances on the 20-row data set, against the values
/// published in the linearmodels reference notes (§10) and linearmodels' printed summaries (§8.5).
@Suite("Covariance estimators: clustered and kernel (linearmodels 7.1)")
struct CovarianceEstimatorTests {
  static func model() throws -> IV2SLS {
    try IV2SLS(
      formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]",
      data: DataTable(contentsOfCSVFile: Fixtures.url("data/golden20.csv").path))
  }

  @Test func clustered() throws {
    let results = try Self.model().fit(covariance: .clustered(["g"]))
    expectClose(results.stdErrors, [0.2620318675790091, 0.32408315181785935, 0.24255350962383063], rtol: 1e-10)
    expectClose(results.fStatistic.statistic, 2937.8116465389594, rtol: 1e-10)
    #expect(results.clusterCounts == [5])
  }

  @Test func clusteredDebiased() throws {
    let results = try Self.model().fit(covariance: .clustered(["g"]), debiased: true)
    expectClose(results.stdErrors, [0.30971444306574375, 0.3830573502362042, 0.28669156099547694], rtol: 1e-10)
    expectClose(results.fStatistic.statistic, 1051.427326129743, rtol: 1e-10)
    #expect(results.fStatistic.distribution == .f(2, 17))
    let lines = results.summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(Array(lines.suffix(6)) == [
      "", "Endogenous: x2", "Instruments: z1, z2", "Clustered Covariance (One-Way)", "Debiased: True", "Num Clusters: 5",
    ])
    #expect(lines[7] == "Cov. Estimator:             clustered                                         ")
    // First stage under clustered, debiased covariance: χ² Wald, not divided (§8.5).
    let firstStage = try #require(results.firstStage)
    expectClose(firstStage.diagnostics[0].partialF.statistic, 156.61, rtol: 5e-5)
    #expect(firstStage.diagnostics[0].partialF.distribution == .chiSquared(2))
    expectClose(firstStage.regressions[0].tstats, [0.3091, 2.0627, 5.5124, 5.3721], rtol: 3e-4)
  }

  @Test func clustersGivenAsIDsEqualClustersFromAColumn() throws {
    let model = try Self.model()
    let ids = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
    let byColumn = try model.fit(covariance: .clustered(["g"]))
    let byIDs = try IV2SLS(design: model.design).fit(covariance: .clustered(.groups([ids])))
    expectClose(byIDs.stdErrors, byColumn.stdErrors, rtol: 1e-14)
  }

  @Test func kernelWithAutomaticBandwidth() throws {
    let results = try Self.model().fit(covariance: .kernel())
    #expect(results.kernelBandwidth == 4)
    expectClose(results.stdErrors, [0.15975566134183158, 0.21364696913287387, 0.1567655258891009], rtol: 1e-10)
    let lines = results.summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(Array(lines.suffix(6)) == [
      "Instruments: z1, z2", "Kernel Covariance (HAC)", "Debiased: False", "Kernel: bartlett", "Automatic Bandwidth: True", "Bandwidth: 4",
    ])
  }

  @Test func invalidClusterAndBandwidthRequests() throws {
    let model = try Self.model()
    #expect(throws: ModelError.invalidClusters("unknown cluster column 'gg' (did you mean 'g'?)")) {
      try model.fit(covariance: .clustered(["gg"]))
    }
    #expect(throws: ModelError.invalidClusters("cluster ids 1 has a single cluster; clustered standard errors need at least two")) {
      try model.fit(covariance: .clustered(.groups([[Int](repeating: 7, count: 20)])))
    }
    #expect(throws: ModelError.invalidClusters("cluster ids 1 has 3 entries for 20 observations")) {
      try model.fit(covariance: .clustered(.groups([[1, 2, 3]])))
    }
    #expect(throws: ModelError.invalidBandwidth(20, observations: 20)) { try model.fit(covariance: .kernel(bandwidth: 20)) }
    #expect(throws: ModelError.invalidBandwidth(0, observations: 20)) { try model.fit(covariance: .kernel(bandwidth: 0)) }
  }
}
