import Foundation
import Testing
import TestSupport
@testable import Distributions

/// One reference value of a distribution: `cdf(x)` and `sf(x)`.
struct GoldenValue: Sendable {
  let dist: String
  let params: [Double]
  let x: Double
  let cdf: Double
  let sf: Double
}

/// One reference inverse: `quantile(p)` and `inverseSurvival(p)` (nil when not representable).
struct GoldenQuantile: Sendable {
  let dist: String
  let params: [Double]
  let p: Double
  let quantile: Double?
  let isf: Double?
}

/// The contents of `Fixtures/reference/distributions.json` (written by
/// `Fixtures/scripts/make_distribution_goldens.py`; numbers are stored as strings).
enum Goldens {
  /// Parses the reference file once.
  static let all: (values: [GoldenValue], quantiles: [GoldenQuantile]) = load()

  /// Values for one distribution family.
  static func values(_ dist: String) -> [GoldenValue] { all.values.filter { $0.dist == dist } }

  /// Inverses for one distribution family.
  static func quantiles(_ dist: String) -> [GoldenQuantile] {
    all.quantiles.filter { $0.dist == dist }
  }

  private static func number(_ any: Any?) -> Double? {
    guard let text = any as? String else { return nil }
    return Double(text)
  }

  private static func load() -> (values: [GoldenValue], quantiles: [GoldenQuantile]) {
    guard let root = try? Fixtures.json("reference/distributions.json") as? [String: Any],
      let values = root["values"] as? [[String: Any]],
      let quantiles = root["quantiles"] as? [[String: Any]]
    else { return ([], []) }
    let parsedValues = values.compactMap { item -> GoldenValue? in
      guard let dist = item["dist"] as? String, let params = item["params"] as? [String],
        let x = number(item["x"]), let cdf = number(item["cdf"]), let sf = number(item["sf"])
      else { return nil }
      return GoldenValue(
        dist: dist, params: params.compactMap { Double($0) }, x: x, cdf: cdf, sf: sf)
    }
    let parsedQuantiles = quantiles.compactMap { item -> GoldenQuantile? in
      guard let dist = item["dist"] as? String, let params = item["params"] as? [String],
        let p = number(item["p"])
      else { return nil }
      return GoldenQuantile(
        dist: dist, params: params.compactMap { Double($0) }, p: p,
        quantile: number(item["quantile"]), isf: number(item["isf"]))
    }
    return (parsedValues, parsedQuantiles)
  }

  /// The distribution a case refers to.
  static func distribution(_ dist: String, _ params: [Double]) -> (any ContinuousDistribution)? {
    switch (dist, params.count) {
    case ("normal", 2): return Normal(mean: params[0], standardDeviation: params[1])
    case ("t", 1): return StudentT(degreesOfFreedom: params[0])
    case ("f", 2):
      return FisherF(numeratorDegreesOfFreedom: params[0], denominatorDegreesOfFreedom: params[1])
    case ("chi2", 1): return ChiSquared(degreesOfFreedom: params[0])
    default: return nil
    }
  }

  /// Compares `cdf`/`sf` with the goldens of one family: values above 1e-300 to `rtol`,
  /// smaller ones must be below 1e-290. Returns the worst relative errors seen.
  @discardableResult
  static func checkValues(_ dist: String, rtol: Double) -> (cdf: Double, sf: Double, count: Int) {
    var worstCDF = 0.0
    var worstSF = 0.0
    let cases = values(dist)
    for c in cases {
      guard let d = distribution(c.dist, c.params) else {
        Issue.record("bad case \(c)")
        continue
      }
      for (name, got, want) in [("cdf", d.cdf(c.x), c.cdf), ("sf", d.sf(c.x), c.sf)] {
        let label = "\(dist)\(c.params) \(name)(\(c.x))"
        if want > 1e-300 {
          expectClose(got, want, rtol: rtol, label)
          let err = relativeDifference(got, want)
          if name == "cdf" { worstCDF = max(worstCDF, err) } else { worstSF = max(worstSF, err) }
        } else {
          #expect(got >= 0 && got < 1e-290, "\(label) = \(got), expected below 1e-300")
        }
      }
    }
    return (worstCDF, worstSF, cases.count)
  }

  /// Compares `quantile`/`inverseSurvival` with the goldens of one family to `rtol`.
  /// Returns the worst relative errors seen.
  @discardableResult
  static func checkQuantiles(_ dist: String, rtol: Double) -> (quantile: Double, isf: Double, count: Int) {
    var worstQ = 0.0
    var worstI = 0.0
    let cases = quantiles(dist)
    for c in cases {
      guard let d = distribution(c.dist, c.params) else {
        Issue.record("bad case \(c)")
        continue
      }
      if let want = c.quantile {
        let got = d.quantile(c.p)
        expectClose(got, want, rtol: rtol, "\(dist)\(c.params) quantile(\(c.p))")
        worstQ = max(worstQ, relativeDifference(got, want))
      }
      if let want = c.isf {
        let got = d.inverseSurvival(c.p)
        expectClose(got, want, rtol: rtol, "\(dist)\(c.params) isf(\(c.p))")
        worstI = max(worstI, relativeDifference(got, want))
      }
    }
    return (worstQ, worstI, cases.count)
  }
}
