import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// IVGMM against linearmodels 7.1: `Fixtures/reference/gmm.json`, made by
/// `Fixtures/scripts/make_gmm_goldens.py`. Everything is compared at rtol 1e-8,
/// iterated GMM at 1e-6 and the ill-conditioned quadratic-spectral case at 1e-7;
/// the J statistics of a just-identified model are rounding noise around 0
/// (atol 1e-10) with 0 degrees of freedom and a NaN p-value.
@Suite("IVGMM")
struct GMMTests {
  static var golden: [String: Any] { (try? Fixtures.json("reference/gmm.json") as? [String: Any]) ?? [:] }
  static var caseNames: [String] { ((golden["cases"] as? [String: Any])?.keys).map { $0.sorted() } ?? [] }

  @Test func goldenCasesArePresent() {
    #expect(Self.caseNames.count >= 17)
  }

  @Test func publishedGolden20Values() throws {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/golden20.csv").path)
    let results = try IVGMM(formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", data: data).fit()
    expectClose(results.params, [1.2065169934133932, 0.4032953084931014, 1.845211917483253], rtol: 1e-8)
    expectClose(results.stdErrors, [0.22371837562477986, 0.2232431072380822, 0.21348204348476918], rtol: 1e-8)
    let gmm = try #require(results.gmm)
    expectClose(gmm.jStatistic.statistic, 0.0817599150015068, rtol: 1e-8)
    #expect(gmm.jStatistic.distribution == .chiSquared(1))
    #expect(gmm.iterations == 2)
    #expect(results.method == "IV-GMM")
  }

  @Test(arguments: caseNames)
  func matchesLinearmodels(_ name: String) throws {
    let cases = try #require(Self.golden["cases"] as? [String: Any])
    let expected = try #require(cases[name] as? [String: Any])
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/" + (try #require(expected["data"] as? String))).path)
    let weightConfig = try #require(expected["weight_config"] as? [String: Any])
    let fitOptions = try #require(expected["fit"] as? [String: Any])
    let model = try IVGMM(
      formula: try #require(expected["formula"] as? String), data: data,
      weightType: try Self.weight(try #require(expected["weight_type"] as? String), weightConfig),
      center: weightConfig["center"] as? Bool ?? false, debiasedWeight: weightConfig["debiased"] as? Bool ?? false)
    let results = try model.fit(
      covariance: try Self.covariance(fitOptions["cov_type"] as? String ?? "robust", fitOptions),
      debiased: fitOptions["debiased"] as? Bool ?? false, iterationLimit: fitOptions["iter_limit"] as? Int ?? 2)
    // The quadratic-spectral kernel with an automatic bandwidth of 19 (= n − 1) gives a
    // weight matrix with condition number ~1e5; its covariance agrees to ~1e-8 only.
    let rtol = fitOptions["iter_limit"] as? Int ?? 2 > 2 ? 1e-6 : name == "kernel_qs_auto" ? 1e-7 : 1e-8
    let gmm = try #require(results.gmm)

    #expect(results.parameterNames == expected["names"] as? [String], "\(name)")
    #expect(results.nobs == expected["nobs"] as? Int)
    expectClose(results.params, doubles(expected["params"]).compactMap { $0 }, rtol: rtol, "\(name) params")
    expectClose(results.stdErrors, doubles(expected["std_errors"]).compactMap { $0 }, rtol: rtol, "\(name) se")
    let cov = try #require(expected["cov"] as? [Any])
    for (i, row) in cov.enumerated() {
      expectClose(results.covariance.row(i), doubles(row).compactMap { $0 }, rtol: rtol, "\(name) cov row \(i)")
    }
    let weight = try #require(expected["weight_matrix"] as? [Any])
    for (i, row) in weight.enumerated() {
      expectClose(gmm.weightMatrix.row(i), doubles(row).compactMap { $0 }, rtol: rtol, "\(name) weight row \(i)")
    }
    expectClose(results.rsquared, try #require(double(expected["rsquared"])), rtol: rtol, "\(name) R²")
    #expect(gmm.iterations == expected["iterations"] as? Int, "\(name) iterations")
    #expect(gmm.weightBandwidth == double(expected["weight_bandwidth"]), "\(name) weight bandwidth")
    #expect(results.kernelBandwidth == double(expected["cov_bandwidth"]), "\(name) covariance bandwidth")

    let justIdentified = (try #require(expected["j_stat"] as? [String: Any]))["df"] as? Int == 0
    try Self.check(gmm.jStatistic, expected["j_stat"], rtol: rtol, atol: justIdentified ? 1e-10 : 0, "\(name) J")
    try Self.check(
      gmm.centeredJStatistic, expected["centered_j_stat"], rtol: rtol, atol: justIdentified ? 1e-10 : 0, "\(name) centered J")
    try Self.check(try gmm.cStatistic(), expected["c_stat"], rtol: rtol, "\(name) C")
    let byVariable = try #require(expected["c_stat_by_variable"] as? [String: Any])
    for (variable, test) in byVariable {
      try Self.check(try gmm.cStatistic(variables: [variable]), test, rtol: rtol, "\(name) C(\(variable))")
    }

    let lines = results.summary.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasPrefix("Endogenous:") })
    #expect(Array(lines[start...]) == expected["footer"] as? [String], "\(name) footer")
  }

  @Test func initialWeightOfTheDefaultReproducesTwoStep() throws {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/golden20.csv").path)
    let model = try IVGMM(formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", data: data)
    let z = model.design.allInstruments
    let w0 = try ((1 / Double(z.rows)) * z.gram()).inverse()
    let given = try model.fit(initialWeight: w0)
    let standard = try model.fit()
    expectClose(given.params, standard.params, rtol: 1e-10)
    expectClose(given.stdErrors, standard.stdErrors, rtol: 1e-10)
  }

  @Test func gmmIsNilForOtherEstimators() throws {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/golden20.csv").path)
    #expect(try IV2SLS(formula: "y ~ 1 + x1 + [x2 ~ z1 + z2]", data: data).fit().gmm == nil)
  }

  @Test func invalidOptionsThrow() throws {
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/golden20.csv").path)
    let formula = "y ~ 1 + x1 + [x2 ~ z1 + z2]"
    let model = try IVGMM(formula: formula, data: data)
    #expect(throws: ModelError.self) { try model.fit(covariance: .hc1) }
    #expect(throws: ModelError.self) { try model.fit(covariance: .clustered(["g", "x1"])) }
    #expect(throws: ModelError.self) { try model.fit(initialWeight: Matrix.identity(3)) }
    #expect(throws: ModelError.self) { try model.fit(covariance: .kernel(bandwidth: 20)) }
    #expect(throws: ModelError.self) { try IVGMM(formula: formula, data: data, weightType: .kernel(bandwidth: -1)).fit() }
    #expect(throws: ModelError.self) { try model.fit().gmm?.cStatistic(variables: ["x1"]) }
    // Three clusters cannot estimate the covariance of four moment conditions.
    let ids = (0..<20).map { $0 % 3 }
    #expect(throws: ModelError.self) {
      try IVGMM(formula: formula, data: data, weightType: .clustered(.groups([ids]))).fit()
    }
    // …but a one-step fit never inverts it.
    let oneStep = try IVGMM(formula: formula, data: data, weightType: .clustered(.groups([ids]))).fit(iterationLimit: 1)
    #expect(oneStep.gmm?.iterations == 1)
  }

  // MARK: - Golden configuration

  static func weight(_ type: String, _ config: [String: Any]) throws -> GMMWeight {
    switch type {
    case "unadjusted": return .unadjusted
    case "robust": return .robust
    case "kernel":
      return .kernel(
        try #require(KernelType(rawValue: config["kernel"] as? String ?? "bartlett")), bandwidth: double(config["bandwidth"]))
    case "clustered": return .clustered(.columns([try #require(config["clusters"] as? String)]))
    default: throw GoldenError.unknown(type)
    }
  }

  static func covariance(_ type: String, _ config: [String: Any]) throws -> CovarianceEstimator {
    switch type {
    case "unadjusted": return .unadjusted
    case "robust": return .robust
    case "kernel":
      return .kernel(
        try #require(KernelType(rawValue: config["kernel"] as? String ?? "bartlett")), bandwidth: double(config["bandwidth"]))
    case "clustered": return .clustered(.columns([try #require(config["clusters"] as? String)]))
    default: throw GoldenError.unknown(type)
    }
  }

  static func check(
    _ test: TestStatistic, _ expected: Any?, rtol: Double, atol: Double = 0, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let record = try #require(expected as? [String: Any], sourceLocation: sourceLocation)
    #expect(test.isValid == (record["valid"] as? Bool), "\(label) validity", sourceLocation: sourceLocation)
    expectClose(test.statistic, double(record["stat"]) ?? .nan, rtol: rtol, atol: atol, label, sourceLocation: sourceLocation)
    expectClose(test.pValue, double(record["pval"]) ?? .nan, rtol: rtol, atol: atol, "\(label) p-value", sourceLocation: sourceLocation)
    #expect(test.distribution.name == record["dist"] as? String, "\(label) distribution", sourceLocation: sourceLocation)
  }

  enum GoldenError: Error { case unknown(String) }
}
