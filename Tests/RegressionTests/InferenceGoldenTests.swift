import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// Every k-class estimator × covariance estimator × debiased combination on five
/// real data sets, against linearmodels 7.1
/// (`Fixtures/reference/inference/*.json`, made by `Fixtures/scripts/make_inference_goldens.py`).
@Suite("Inference goldens: five data sets, every covariance and k-class estimator")
struct InferenceGoldenTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let dataSet: String
    let model: String
    var testDescription: String { "\(dataSet) \(model)" }
  }

  static let dataSets = ["mroz", "card", "fertility", "jobtraining", "meps"]

  static let cases: [Case] = dataSets.flatMap { name -> [Case] in
    guard let root = try? Fixtures.json("reference/inference/\(name).json") as? [String: Any],
      let models = root["models"] as? [String: Any]
    else { return [] }
    return models.keys.sorted().map { Case(dataSet: name, model: $0) }
  }

  @Test func everyDataSetHasModels() {
    #expect(Set(Self.cases.map(\.dataSet)) == Set(Self.dataSets))
    #expect(Self.cases.count >= 15)
  }

  @Test(arguments: cases)
  func matchesLinearmodels(_ c: Case) throws {
    let root = try #require(try Fixtures.json("reference/inference/\(c.dataSet).json") as? [String: Any])
    let model = try #require((root["models"] as? [String: Any])?[c.model] as? [String: Any])
    let formula = try #require(model["formula"] as? String)
    let fits = try #require(model["fits"] as? [String: [String: Any]])
    let clusters = model["clusters"] as? [String: Any]
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/\(c.dataSet).csv").path)
    var checked = 0
    for key in fits.keys.sorted() {
      let fit = try #require(fits[key])
      let spec = try #require(fit["spec"] as? [String: Any])
      guard let estimator = spec["estimator"] as? String, estimator != "IVGMM", fit["error"] == nil || fit["error"] is NSNull
      else { continue }
      let options = try #require(spec["fit_options"] as? [String: Any])
      let covariance = try Self.covariance(options, clusters: clusters)
      let debiased = options["debiased"] as? Bool ?? false
      let results: RegressionResults
      let estimatorOptions = spec["estimator_options"] as? [String: Any] ?? [:]
      if estimator == "IVLIML" {
        results = try IVLIML(
          formula: formula, data: data, fuller: double(estimatorOptions["fuller"]) ?? 0,
          kappa: double(estimatorOptions["kappa"])
        ).fit(covariance: covariance, debiased: debiased)
      } else {
        results = try IV2SLS(formula: formula, data: data).fit(covariance: covariance, debiased: debiased)
      }
      let label = "\(c.dataSet) \(c.model) \(key)"
      try checkFit(results, against: fit, label: label)
      if let bandwidth = double((fit["cov_config"] as? [String: Any])?["bandwidth"]) {
        #expect(results.kernelBandwidth == bandwidth, "\(label) bandwidth")
      }
      if results.design.isInstrumental { try checkInstrumentDiagnostics(results, against: fit, label: label) }
      checked += 1
    }
    #expect(checked > 0)
  }

  /// linearmodels' `fit` options as a ``CovarianceEstimator``.
  static func covariance(_ options: [String: Any], clusters: [String: Any]?) throws -> CovarianceEstimator {
    switch options["cov_type"] as? String {
    case "unadjusted": return .unadjusted
    case "robust": return .robust
    case "kernel":
      let kernel = KernelType(rawValue: options["kernel"] as? String ?? "bartlett") ?? .bartlett
      return .kernel(kernel, bandwidth: double(options["bandwidth"]))
    case "clustered":
      let which = options["clusters"] as? String ?? "oneway"
      let description = try #require(clusters?[which] as? [String: Any])
      let columns = try (description["columns"] as? [String]) ?? [#require(description["column"] as? String)]
      return .clustered(.columns(columns))
    default:
      throw ModelError.invalidClusters("unknown cov_type \(options["cov_type"] ?? "nil")")
    }
  }
}
