extension WeakInstrumentDiagnostics {
  /// The weak-instrument block of the diagnostics: identification statistics,
  /// the critical values they are compared with, the Anderson–Rubin set and a verdict.
  public var summary: String {
    var rows: [(String, String)] = []
    func number(_ x: Double) -> String { WeakInstrumentDiagnostics.format(x) }
    if let f = craggDonaldF { rows.append(("Cragg-Donald Wald F", number(f))) }
    if let f = kleibergenPaapRkWaldF { rows.append(("Kleibergen-Paap rk Wald F", number(f))) }
    if kleibergenPaapRkLM.isValid {
      rows.append((
        "Kleibergen-Paap rk LM (underidentification)",
        "\(number(kleibergenPaapRkLM.statistic)) \(kleibergenPaapRkLM.distribution.name), p = \(number(kleibergenPaapRkLM.pValue))"
      ))
    }
    if let effective = effectiveF {
      rows.append((
        "Effective F (Montiel Olea-Pflueger)",
        "\(number(effective.statistic)), critical value \(number(effective.criticalValue)) (tau = 10%)"
      ))
      if effective.tslsBiasBound.isFinite, effective.limlBiasBound.isFinite {
        let tsls = EffectiveF.value(at: 0.10, in: effective.generalizedTSLS)
        let liml = EffectiveF.value(at: 0.10, in: effective.liml)
        // The label is no wider than the effective-F one, so no other row moves.
        rows.append((
          "Effective F, generalized TSLS/LIML",
          "critical values \(number(tsls)) / \(number(liml)) (tau = 10%); "
            + "B = \(number(effective.tslsBiasBound)) / \(number(effective.limlBiasBound))"
        ))
      }
    }
    if !stockYogo.isEmpty {
      rows.append(("Stock-Yogo critical values", stockYogo.map { "\($0.label) \(number($0.criticalValue))" }.joined(separator: "; ")))
    }
    if let ar = andersonRubin {
      rows.append(("Anderson-Rubin \(Int((ar.level * 100).rounded()))% set", "\(ar.region) (\(ar.region.shape))"))
    }
    if let tf = tF {
      let ci = tf.confidenceInterval
      rows.append(("tF critical value (Lee et al.)", "\(number(tf.criticalValue)); 95% CI [\(number(ci.lower)), \(number(ci.upper))]"))
    }
    let stub = rows.map(\.0.count).max() ?? 0
    var lines = ["Weak instruments"] + rows.map { SummaryFormat.padRight($0.0, stub) + "  " + $0.1 }
    lines.append("Verdict: " + verdict)
    return lines.joined(separator: "\n")
  }
}
