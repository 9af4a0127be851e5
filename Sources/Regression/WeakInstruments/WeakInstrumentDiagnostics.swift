import Formulas
import Foundation
import LinearAlgebra

/// Weak-identification diagnostics of an IV fit (`iv-diagnostics.md`).
///
/// * Cragg–Donald (1993): F_CD = g_min(n − L)/K2, homoskedastic, with its χ² form
///   (linearmodels 7.1 `first_stage.cragg_donald(_f)`, ivreg2 "Cragg-Donald Wald F").
/// * Kleibergen–Paap (2006) rk LM (under-identification, χ²(K2 − K1 + 1)) and rk
///   Wald F under the model's covariance (HC0 meat for HC0–HC3, one-way CR0,
///   the model's kernel); F_KP = F_CD and LM = n·r²_min when unadjusted.
/// * Stock–Yogo (2005) critical values for (K1, K2).
/// * Montiel Olea–Pflueger (2013) effective F (K1 = 1).
/// * The Anderson–Rubin (1949) 95% confidence set (K1 = 1).
/// * Lee–McCrary–Moreira–Porter (2022) tF critical value (K1 = K2 = 1).
public struct WeakInstrumentDiagnostics: Sendable {
  /// Cragg–Donald χ² form (n − L)·g_min ~ χ²(K2 − K1 + 1), linearmodels' `cragg_donald`.
  public let craggDonald: TestStatistic
  /// F_CD = g_min(n − L)/K2, compared with Stock–Yogo; nil when not defined.
  public let craggDonaldF: Double?
  /// Kleibergen–Paap rk Wald F under the model's covariance; nil when not defined.
  public let kleibergenPaapRkWaldF: Double?
  /// Kleibergen–Paap rk LM under-identification test, χ²(K2 − K1 + 1).
  public let kleibergenPaapRkLM: TestStatistic
  /// Stock–Yogo critical values for the model's K1 and K2: TSLS maximal size and
  /// relative bias for 2SLS, LIML maximal size for LIML; empty outside the tables
  /// and for Fuller or user-κ fits (whose tables are not reproduced).
  public let stockYogo: [StockYogoCriticalValue]
  /// The effective F with simplified TSLS critical values (K1 = 1 only).
  public let effectiveF: EffectiveF?
  /// The 95% Anderson–Rubin confidence set (K1 = 1 only).
  public let andersonRubin: AndersonRubinSet?
  /// The tF critical value and interval (K1 = K2 = 1 only).
  public let tF: TFCriticalValue?
  /// Whether the model's covariance is the homoskedastic (unadjusted) one.
  let homoskedastic: Bool

  init(results: RegressionResults) {
    let kind = results.resolvedCovariance.kind
    if case .unadjusted = kind { homoskedastic = true } else { homoskedastic = false }
    let data: PartialledInstrumentalData
    let craggDonald: CraggDonald
    do {
      data = try results.partialledInstrumentalData()
      craggDonald = try CraggDonald(data)
    } catch {
      self.craggDonald = TestStatistic(invalid: CraggDonald.name, nullHypothesis: CraggDonald.null, reason: error.reason)
      craggDonaldF = nil
      kleibergenPaapRkLM = TestStatistic(invalid: KleibergenPaap.name, nullHypothesis: KleibergenPaap.null, reason: error.reason)
      kleibergenPaapRkWaldF = nil
      stockYogo = []
      effectiveF = nil
      andersonRubin = nil
      tF = nil
      return
    }
    self.craggDonald = craggDonald.test
    craggDonaldF = craggDonald.f
    let kp = KleibergenPaap(data, craggDonald: craggDonald, kind: kind)
    kleibergenPaapRkLM = kp.lm
    kleibergenPaapRkWaldF = kp.waldF

    if results.method == "IV-2SLS" {
      stockYogo =
        StockYogoCriticalValue.values(.tslsMaximalSize, endogenous: data.k1, instruments: data.k2)
        + StockYogoCriticalValue.values(.tslsRelativeBias, endogenous: data.k1, instruments: data.k2)
    } else if results.method == "IV-LIML" {
      stockYogo = StockYogoCriticalValue.values(.limlMaximalSize, endogenous: data.k1, instruments: data.k2)
    } else {
      stockYogo = []
    }

    effectiveF = EffectiveF(data, kind: kind)
    let estimate = results.params.last ?? .nan
    let standardError = results.stdErrors.last ?? .nan
    andersonRubin = AndersonRubinStatistic(data, kind: kind).flatMap {
      AndersonRubinSet($0, estimate: estimate, standardError: standardError)
    }
    if data.k1 == 1, data.k2 == 1, let f = results.firstStage?.diagnostics.first?.partialF, f.isValid {
      tF = TFCriticalValue(
        firstStageF: f.statistic, criticalValue: TFCriticalValue.criticalValue(firstStageF: f.statistic),
        estimate: estimate, standardError: standardError)
    } else {
      tF = nil
    }
  }

  /// A one-line verdict in plain words.
  ///
  /// With one endogenous regressor the effective F is compared with its τ = 10%
  /// critical value; otherwise F_CD (unadjusted) or the Kleibergen–Paap F
  /// (robust, a heuristic) with Stock–Yogo's 10% maximal-size value, e.g.
  /// "weak: effective F 3.2 < 23.11 critical value (τ = 10%)".
  public var verdict: String {
    if let effectiveF, effectiveF.criticalValue.isFinite {
      let f = Self.format(effectiveF.statistic)
      let c = Self.format(effectiveF.criticalValue)
      return effectiveF.isWeak
        ? "weak: effective F \(f) ≤ \(c) critical value (τ = 10%)"
        : "strong: effective F \(f) > \(c) critical value (τ = 10%)"
    }
    guard let cd = craggDonaldF else {
      return "not identified: \(craggDonald.invalidReason ?? "the statistics are not defined")"
    }
    let (label, value): (String, Double) =
      homoskedastic || kleibergenPaapRkWaldF == nil
      ? ("Cragg-Donald F", cd) : ("Kleibergen-Paap F", kleibergenPaapRkWaldF ?? cd)
    guard let benchmark = stockYogo.first(where: { $0.criterion != .tslsRelativeBias && abs($0.threshold - 0.10) < 1e-9 })
    else { return "no Stock-Yogo critical value for these dimensions: \(label) \(Self.format(value))" }
    let c = Self.format(benchmark.criticalValue)
    return value > benchmark.criticalValue
      ? "strong: \(label) \(Self.format(value)) > \(c) (\(benchmark.label))"
      : "weak: \(label) \(Self.format(value)) ≤ \(c) (\(benchmark.label))"
  }

  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    return String(format: "%.4g", value)
  }
}

extension RegressionResults {
  /// The model's data with the exogenous regressors partialled out (absorbed ones included).
  func partialledInstrumentalData() throws(PartialledInstrumentalData.Undefined) -> PartialledInstrumentalData {
    if let absorbed { return try PartialledInstrumentalData(absorbed: absorbed) }
    return try PartialledInstrumentalData(design: design)
  }

  /// Weak-identification diagnostics; nil for OLS.
  public var weakInstruments: WeakInstrumentDiagnostics? {
    // A streamed fit keeps no rows to compute them from.
    guard design.isInstrumental, absorbed?.keepsRows ?? true else { return nil }
    return WeakInstrumentDiagnostics(results: self)
  }

  /// The Anderson–Rubin test of H0: β_endogenous = β₀ for a model with one
  /// endogenous regressor, under the model's covariance: F(K2, n − L) (HC1, HAC
  /// or homoskedastic) or F(K2, G − 1) (CR1); see ``AndersonRubinSet``. Invalid
  /// for OLS, several endogenous regressors, two-way clustering or undefined data.
  public func andersonRubinTest(beta0: Double) -> TestStatistic {
    let null = "Coefficient on the endogenous regressor equals \(beta0)"
    let name = AndersonRubinStatistic.name
    guard design.endogenous.columns == 1 else {
      return TestStatistic(invalid: name, nullHypothesis: null, reason: "the test needs exactly one endogenous regressor")
    }
    let data: PartialledInstrumentalData
    do {
      data = try partialledInstrumentalData()
    } catch {
      return TestStatistic(invalid: name, nullHypothesis: null, reason: error.reason)
    }
    guard let statistic = AndersonRubinStatistic(data, kind: resolvedCovariance.kind) else {
      return TestStatistic(invalid: name, nullHypothesis: null, reason: "not available for two-way clustering")
    }
    return statistic.test(beta0: beta0)
  }
}
