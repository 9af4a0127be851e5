import Formulas
import Regression
import Tabular

/// The documented JSON shape of a fit (see `Documentation/CLI.md`).
enum ResultsJSON {
  static func render(_ r: RegressionResults, formula: String, level: Double, subset: String? = nil) throws -> String {
    try value(r, formula: formula, level: level, subset: subset).render()
  }

  /// The fit as a JSON value (`compare` puts several in an array).
  static func value(_ r: RegressionResults, formula: String, level: Double, subset: String? = nil) throws -> JSONValue {
    let names = r.parameterNames
    func map(_ values: [Double]) -> JSONValue { .object(zip(names, values).map { ($0, .number($1)) }) }
    let intervals = try r.confidenceIntervals(level: level)
    var members: [(String, JSONValue)] = [
      ("model", .string(r.method)), ("formula", .string(formula)), ("subset", subset.map { .string($0) } ?? .null), ("kappa", .number(r.kappa)), ("dependent", .string(r.design.dependentName)),
      ("nobs", .integer(r.nobs)), ("rows_dropped", .integer(r.rowsDropped)),
      ("cov_type", .string(r.covarianceEstimator.name)), ("debiased", .bool(r.debiased)),
      ("cov_config", covarianceConfiguration(r)),
      ("params", map(r.params)), ("std_errors", map(r.stdErrors)), ("tstats", map(r.tstats)),
      ("pvalues", map(r.pvalues)), ("conf_level", .number(level)),
      ("conf_int", .object(zip(names, intervals).map { ($0, .array([.number($1.lower), .number($1.upper)])) })),
      ("rsquared", .number(r.rsquared)), ("rsquared_adj", .number(r.rsquaredAdjusted)),
      ("f_statistic", test(r.fStatistic)),
    ]
    if let firstStage = r.firstStage {
      members.append((
        "first_stage",
        .object(firstStage.diagnostics.map { d in
          (d.endogenous, .object([
            ("rsquared", .number(d.rsquared)), ("partial_rsquared", .number(d.partialRSquared)),
            ("shea_rsquared", .number(d.sheaRSquared)), ("partial_f", .number(d.partialF.statistic)),
            ("partial_f_pvalue", .number(d.partialF.pValue)),
            ("partial_f_distribution", .string(d.partialF.distribution.name)),
          ]))
        })
      ))
    }
    let weak = r.weakInstruments
    if r.design.isInstrumental {
      var tests = r.diagnosticTests.map { ($0.key, test($0.test)) }
      if let weak {
        tests.append(("cragg_donald", test(weak.craggDonald)))
        tests.append(("kleibergen_paap_lm", test(weak.kleibergenPaapRkLM)))
      }
      members.append(("diagnostics", .object(tests)))
    }
    if let weak { members.append(("weak_instruments", weakInstruments(weak))) }
    if let gmm = r.gmm {
      members.append((
        "gmm",
        .object([
          ("weight_type", .string(gmm.weightType.name)), ("iterations", .integer(gmm.iterations)),
          ("j_stat", test(gmm.jStatistic)), ("centered_j_stat", test(gmm.centeredJStatistic)),
        ])
      ))
    }
    return JSONValue.object(members)
  }

  /// The estimator's settings: the kernel and bandwidth used, or the cluster counts.
  static func covarianceConfiguration(_ r: RegressionResults) -> JSONValue {
    var members: [(String, JSONValue)] = []
    if case .kernel(let kernel, let requested) = r.covarianceEstimator {
      members.append(("kernel", .string(kernel.rawValue)))
      members.append(("bandwidth", r.kernelBandwidth.map { .number($0) } ?? .null))
      members.append(("automatic_bandwidth", .bool(requested == nil)))
    }
    if let counts = r.clusterCounts {
      members.append(("num_clusters", .array(counts.map { .integer($0) })))
    }
    return .object(members)
  }

  /// Identification statistics, critical values, the Anderson–Rubin set and the verdict.
  static func weakInstruments(_ w: WeakInstrumentDiagnostics) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("cragg_donald_f", w.craggDonaldF.map { .number($0) } ?? .null),
      ("kleibergen_paap_wald_f", w.kleibergenPaapRkWaldF.map { .number($0) } ?? .null),
      ("kleibergen_paap_lm", test(w.kleibergenPaapRkLM)),
      ("stock_yogo", .array(w.stockYogo.map { .object([("label", .string($0.label)), ("critical_value", .number($0.criticalValue))]) })),
    ]
    if let effective = w.effectiveF {
      members.append((
        "effective_f",
        .object([
          ("stat", .number(effective.statistic)), ("critical_value", .number(effective.criticalValue)),
          ("tau", .number(0.10)), ("weak", .bool(effective.isWeak)),
          ("covariance_scaling", .string(effective.covarianceScaling)),
          ("simplified_tsls", criticalValues(effective.criticalValues)),
          ("generalized_tsls", criticalValues(effective.generalizedTSLS)),
          ("liml", criticalValues(effective.liml)),
          ("tsls_bias_bound", .number(effective.tslsBiasBound)), ("liml_bias_bound", .number(effective.limlBiasBound)),
        ])
      ))
    }
    if let ar = w.andersonRubin {
      members.append((
        "anderson_rubin_set",
        .object([
          ("level", .number(ar.level)), ("shape", .string(ar.region.shape)),
          ("intervals", .array(ar.region.intervals.map { .array([.number($0.lower), .number($0.upper)]) })),
          ("text", .string(ar.region.description)),
        ])
      ))
    }
    if let tf = w.tF {
      let ci = tf.confidenceInterval
      members.append((
        "tf",
        .object([("critical_value", .number(tf.criticalValue)), ("conf_int", .array([.number(ci.lower), .number(ci.upper)]))])
      ))
    }
    members.append(("verdict", .string(w.verdict)))
    return .object(members)
  }

  /// Montiel Olea–Pflueger critical values: τ, x, K_eff and the value, per τ.
  static func criticalValues(_ values: [EffectiveF.CriticalValue]) -> JSONValue {
    .array(values.map {
      .object([
        ("tau", .number($0.tau)), ("x", .number($0.x)), ("k_eff", .number($0.effectiveDegreesOfFreedom)),
        ("critical_value", .number($0.value)),
      ])
    })
  }

  static func test(_ t: TestStatistic) -> JSONValue {
    .object([
      ("stat", .number(t.statistic)), ("pvalue", .number(t.pValue)),
      ("df", t.degreesOfFreedom.map { .integer($0) } ?? .null),
      ("df_denom", t.denominatorDegreesOfFreedom.map { .integer($0) } ?? .null),
      ("distribution", .string(t.distribution.name)),
    ])
  }
}
