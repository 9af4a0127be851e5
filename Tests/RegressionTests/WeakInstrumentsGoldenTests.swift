import Formulas
import Foundation
import Regression
import Tabular
import TestSupport
import Testing

/// Cragg–Donald, Kleibergen–Paap and the effective F against linearmodels 7.1 and the
/// numpy re-implementation in `Fixtures/scripts/make_weak_iv_goldens.py`
/// (`Fixtures/reference/weak_iv.json`), and against `iv-diagnostics.md` §8.
@Suite("Weak instruments: Cragg-Donald, Kleibergen-Paap, effective F")
struct WeakInstrumentsGoldenTests {
  static func data(_ name: String) throws -> DataTable {
    try DataTable(contentsOfCSVFile: Fixtures.url("data/\(name).csv").path)
  }

  static let covariances: [(key: String, covariance: CovarianceEstimator)] = [
    ("unadjusted", .unadjusted), ("robust", .robust), ("clustered", .clustered(["cl"])),
    ("kernel", .kernel(.bartlett, bandwidth: 4)),
  ]

  static let models: [(key: String, data: String)] = [
    ("mroz1", "mroz_wage"), ("mroz2", "mroz_wage"), ("mroz_just", "mroz_wage"), ("weak_iv_a", "weak_iv_a"),
  ]

  /// Every model × covariance against linearmodels' `first_stage.cragg_donald(_f)` and
  /// `kleibergen_paap(_f)` (closed forms: rtol 1e-8).
  @Test(arguments: models.map(\.key))
  func linearmodelsIdentificationStatistics(model key: String) throws {
    let root = try #require(try Fixtures.json("reference/weak_iv.json") as? [String: Any])
    let models = try #require(root["models"] as? [String: Any])
    let entry = try #require(models[key] as? [String: Any])
    let formula = try #require(entry["formula"] as? String)
    let fits = try #require(entry["fits"] as? [String: [String: Double]])
    let file = try #require(Self.models.first { $0.key == key }?.data)
    let model = try IV2SLS(formula: formula, data: Self.data(file))
    for (name, covariance) in Self.covariances {
      let golden = try #require(fits[name])
      let weak = try #require(try model.fit(covariance: covariance).weakInstruments)
      let label = "\(key) \(name)"
      expectClose(weak.craggDonald.statistic, try #require(golden["cragg_donald"]), rtol: 1e-8, "\(label) CD")
      #expect(weak.craggDonald.degreesOfFreedom == golden["cragg_donald_df"].map { Int($0) }, "\(label)")
      expectClose(try #require(weak.craggDonaldF), try #require(golden["cragg_donald_f"]), rtol: 1e-8, "\(label) CD F")
      expectClose(weak.kleibergenPaapRkLM.statistic, try #require(golden["kleibergen_paap"]), rtol: 1e-8, "\(label) KP LM")
      expectClose(weak.kleibergenPaapRkLM.pValue, try #require(golden["kleibergen_paap_pval"]), rtol: 1e-6, "\(label) KP p")
      #expect(weak.kleibergenPaapRkLM.degreesOfFreedom == golden["kleibergen_paap_df"].map { Int($0) }, "\(label)")
      expectClose(
        try #require(weak.kleibergenPaapRkWaldF), try #require(golden["kleibergen_paap_f"]), rtol: 1e-8, "\(label) KP F")
    }
    if let robust = entry["effective_f_robust"] as? Double, let clustered = entry["effective_f_clustered"] as? Double {
      let r = try #require(try model.fit(covariance: .robust).weakInstruments?.effectiveF)
      expectClose(r.statistic, robust, rtol: 1e-8, "\(key) F_eff HC1")
      #expect(r.covarianceScaling == "HC1")
      let c = try #require(try model.fit(covariance: .clustered(["cl"])).weakInstruments?.effectiveF)
      expectClose(c.statistic, clustered, rtol: 1e-8, "\(key) F_eff CR1")
      #expect(c.covarianceScaling == "CR1")
    }
  }

  /// Spec §8.1/§8.2 values for mroz (linearmodels and numpy).
  @Test func mrozSpecValues() throws {
    let model = try IV2SLS(
      formula: "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc]", data: Self.data("mroz_wage"))
    let unadjusted = try #require(try model.fit(covariance: .unadjusted).weakInstruments)
    expectClose(unadjusted.craggDonald.statistic, 110.80060085555336, rtol: 1e-8)
    expectClose(unadjusted.craggDonald.pValue, 8.70873806651493e-25, rtol: 1e-6)
    expectClose(try #require(unadjusted.craggDonaldF), 55.40030042777668, rtol: 1e-8)
    expectClose(unadjusted.kleibergenPaapRkLM.statistic, 88.83964740798302, rtol: 1e-8)
    expectClose(try #require(unadjusted.kleibergenPaapRkWaldF), 55.40030042777668, rtol: 1e-8)
    let robust = try #require(try model.fit(covariance: .robust).weakInstruments)
    expectClose(robust.kleibergenPaapRkLM.statistic, 63.935253333896966, rtol: 1e-8)
    expectClose(robust.kleibergenPaapRkLM.pValue, 1.3080855223643389e-14, rtol: 1e-6)
    expectClose(try #require(robust.kleibergenPaapRkWaldF), 49.52655332338564, rtol: 1e-8)
    // The Cragg-Donald statistics ignore the covariance.
    expectClose(try #require(robust.craggDonaldF), 55.40030042777668, rtol: 1e-8)
  }

  /// Effective F and its simplified TSLS critical values, spec §8.2 [NP] (a
  /// re-implementation of weakivtest): the critical values come from a bisection on a
  /// non-central χ² with real dof, so 1e-8.
  @Test func effectiveFMroz() throws {
    let model = try IV2SLS(
      formula: "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc]", data: Self.data("mroz_wage"))
    let robust = try #require(try model.fit(covariance: .robust).weakInstruments?.effectiveF)
    expectClose(robust.statistic, 54.750641105367585, rtol: 1e-8)
    let expected: [(Double, Double, Double)] = [
      (0.05, 32.98944759377228, 1.794791489429531), (0.10, 19.784955665437177, 1.7986607830056667),
      (0.20, 12.528655198142102, 1.8059164360528992), (0.30, 9.862883002189351, 1.812611720265535),
    ]
    #expect(robust.criticalValues.count == 4)
    for ((tau, value, kEff), computed) in zip(expected, robust.criticalValues) {
      #expect(computed.tau == tau)
      expectClose(computed.value, value, rtol: 1e-8, "c(τ = \(tau))")
      expectClose(computed.effectiveDegreesOfFreedom, kEff, rtol: 1e-10, "K_eff(τ = \(tau))")
    }
    expectClose(robust.criticalValue, 19.784955665437177, rtol: 1e-8)
    #expect(!robust.isWeak)
    let homoskedastic = try #require(try model.fit(covariance: .unadjusted).weakInstruments?.effectiveF)
    expectClose(homoskedastic.statistic, 55.40030042777691, rtol: 1e-8)
    expectClose(
      homoskedastic.criticalValues.map(\.value), [32.31746178546447, 19.294343449962547, 12.17207500735993, 9.569253964664346],
      rtol: 1e-8)
    expectClose(homoskedastic.criticalValues.map(\.effectiveDegreesOfFreedom), [2, 2, 2, 2], rtol: 1e-12)
  }

  /// One instrument: K_eff = 1, so the 10% critical value is the anchor 23.108511211606643
  /// (non-central χ²(1, 10) 95% quantile / 1, spec §9) and F_eff = F_KP (§4.1).
  @Test func effectiveFOneInstrument() throws {
    let model = try IV2SLS(formula: "lwage ~ 1 + exper + expersq + [educ ~ motheduc]", data: Self.data("mroz_wage"))
    let weak = try #require(try model.fit(covariance: .robust).weakInstruments)
    let effective = try #require(weak.effectiveF)
    expectClose(effective.criticalValue, 23.108511211606643, rtol: 1e-9)
    expectClose(effective.criticalValues[0].value, 37.418, rtol: 0, atol: 5e-4, "published rounded (§4.4)")
    expectClose(effective.statistic, try #require(weak.kleibergenPaapRkWaldF), rtol: 1e-10)
  }

  /// §8.5 example A: weak instruments.
  @Test func simulatedWeakExample() throws {
    let model = try IV2SLS(formula: "y ~ 1 + w1 + [x ~ z1 + z2]", data: Self.data("weak_iv_a"))
    let robust = try model.fit(covariance: .robust)
    expectClose(robust.params[2], 0.9550575710214344, rtol: 1e-10)
    let weak = try #require(robust.weakInstruments)
    expectClose(try #require(weak.craggDonaldF), 2.4446886054205095, rtol: 1e-8)
    expectClose(try #require(weak.kleibergenPaapRkWaldF), 2.7767830624494487, rtol: 1e-8)
    expectClose(weak.kleibergenPaapRkLM.statistic, 4.630778202891593, rtol: 1e-8)
    let effective = try #require(weak.effectiveF)
    expectClose(effective.statistic, 2.5327586828600155, rtol: 1e-8)
    #expect(effective.isWeak)
    #expect(weak.verdict.hasPrefix("weak: effective F 2.533 ≤ "), "\(weak.verdict)")
    let b = try IV2SLS(formula: "y ~ 1 + w1 + [x ~ z1 + z2]", data: Self.data("weak_iv_b")).fit()
    let weakB = try #require(b.weakInstruments)
    expectClose(try #require(weakB.craggDonaldF), 0.05881093574911755, rtol: 1e-8)
    expectClose(try #require(weakB.kleibergenPaapRkWaldF), 0.07803277684160538, rtol: 1e-8)
    expectClose(weakB.kleibergenPaapRkLM.statistic, 0.16245739209811244, rtol: 1e-8)
    expectClose(try #require(weakB.effectiveF).statistic, 0.07070237631562255, rtol: 1e-8)
  }

  /// The generator of §8.5 reproduces the spec's checksums (first rows exactly).
  @Test func simulatedDataChecksums() throws {
    let a = try Self.data("weak_iv_a")
    let model = try IV2SLS(formula: "y ~ 1 + w1 + [x ~ z1 + z2]", data: a)
    let design = model.design
    #expect(design.dependent.first == 1.3095061936057768)
    expectClose(design.dependent.reduce(0, +), 124.7199214400719, rtol: 1e-13)
    #expect(design.observationCount == 100)
  }
}
