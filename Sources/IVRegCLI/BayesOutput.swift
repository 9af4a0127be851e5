import Bayesian
import Foundation
import Regression
import Reporting

/// How `bayes` prints a posterior: ArviZ's summary table in each format, with the
/// sampler's settings, the priors and the 2SLS estimate for comparison.
enum BayesOutput {
  struct Context {
    let options: BayesCommand.Options
    let results: BayesianIVResults
    let twoStage: RegressionResults?
    let droppedRows: Int
    let subsetNote: String?

    var summary: PosteriorSummary { results.summary(hdiProbability: options.hdiProbability) }
  }

  /// Bulk effective sample sizes below this are flagged, as Vehtari et al. (2021) advise.
  static let smallestEffectiveSampleSize = 400.0
  /// R-hat above this is flagged.
  static let largestRHat = 1.01

  static func render(_ context: Context) -> String {
    switch context.options.format {
    case .json: return json(context).render() + "\n"
    case .csv: return csv(context) + "\n"
    case .markdown: return table(context).markdown + "\n"
    case .latex: return table(context).latex + "\n"
    case .text:
      var text = table(context).text + "\n"
      if let note = context.subsetNote { text += note + "\n" }
      if context.droppedRows > 0 { text += "Rows dropped: \(context.droppedRows) (missing values)\n" }
      return text
    }
  }

  static func table(_ context: Context) -> ReportTable {
    let summary = context.summary
    let rows = summary.rows.map { ReportTable.Row.cells([$0.name] + PosteriorSummary.cells($0)) }
    return ReportTable(
      caption: "Bayesian IV Posterior: \(context.results.dependentName)", header: [""] + summary.columnTitles, rows: rows,
      notes: notes(context, summary: summary))
  }

  static func notes(_ context: Context, summary: PosteriorSummary) -> [String] {
    let r = context.results
    let o = context.options
    var notes = [
      "Effect of \(r.effectName) on \(r.dependentName); \(r.observationCount) observations.",
      "Sampler: Gibbs, \(r.chainCount) chain\(r.chainCount == 1 ? "" : "s") × \(r.drawsPerChain) draws after \(r.warmup) warm-up, seed \(r.seed)"
        + (r.covarianceAcceptanceRate.map { String(format: "; %.1f%% of covariance proposals accepted.", 100 * $0) } ?? "."),
      "Priors: \(effectPriorText(o.prior.effect)); other coefficients flat; \(covarianceText(o.prior.covariance)).",
    ]
    if let twoStage = twoStageText(context) { notes.append(twoStage) }
    let unmixed = summary.rows.filter { $0.rHat > largestRHat }.map(\.name)
    if !unmixed.isEmpty {
      notes.append("Warning: r_hat above \(largestRHat) for \(unmixed.joined(separator: ", ")): the chains disagree; draw more.")
    }
    let few = summary.rows.filter { $0.bulkEffectiveSampleSize < smallestEffectiveSampleSize }.map(\.name)
    if !few.isEmpty {
      notes.append("Warning: ess_bulk below \(Int(smallestEffectiveSampleSize)) for \(few.joined(separator: ", ")); draw more.")
    }
    return notes
  }

  static func effectPriorText(_ effect: BayesianIVPrior.Effect) -> String {
    switch effect {
    case .flat: return "effect flat"
    case .normal(let n): return "effect N(\(number(n.mean)), \(number(n.standardDeviation)))"
    case .hierarchical(let h):
      let mean = h.populationMean.isFlat ? "flat" : "N(\(number(h.populationMean.mean)), \(number(h.populationMean.standardDeviation)))"
      return "effect hierarchical on \(h.estimates.count) earlier estimate\(h.estimates.count == 1 ? "" : "s") "
        + "(effect_mean \(mean), effect_sd half-Cauchy(\(number(h.populationScale))))"
    }
  }

  static func covarianceText(_ covariance: BayesianIVPrior.Covariance) -> String {
    switch covariance {
    case .lkj(let eta, let scale): return "errors LKJ(\(number(eta))) correlation, half-Cauchy(\(number(scale))) scales"
    case .known: return "error covariance known"
    }
  }

  static func number(_ x: Double) -> String { String(format: "%g", x) }

  static func twoStageText(_ context: Context) -> String? {
    guard let fit = context.twoStage, let j = fit.parameterNames.firstIndex(of: context.results.effectName),
      let intervals = try? fit.confidenceIntervals(level: 0.95)
    else { return nil }
    return String(
      format: "2SLS: %.4f (robust s.e. %.4f), 95%% confidence interval [%.4f, %.4f].", fit.params[j], fit.stdErrors[j],
      intervals[j].lower, intervals[j].upper)
  }

  static func csv(_ context: Context) -> String {
    let summary = context.summary
    let header = (["parameter"] + summary.columnTitles).joined(separator: ",")
    let lines = summary.rows.map { row in
      ([CSVText.field(row.name)]
        + [row.mean, row.standardDeviation, row.interval.lower, row.interval.upper, row.bulkEffectiveSampleSize, row.rHat]
        .map(CSVText.number)).joined(separator: ",")
    }
    return ([header] + lines).joined(separator: "\n")
  }

  static func json(_ context: Context) -> JSONValue {
    let r = context.results
    let o = context.options
    let summary = context.summary
    let parameters = summary.rows.map { row -> (String, JSONValue) in
      (row.name, .object([
        ("mean", .number(row.mean)), ("sd", .number(row.standardDeviation)), ("hdi_lower", .number(row.interval.lower)),
        ("hdi_upper", .number(row.interval.upper)), ("ess_bulk", .number(row.bulkEffectiveSampleSize)),
        ("r_hat", .number(row.rHat)),
      ]))
    }
    var effect: [(String, JSONValue)]
    switch o.prior.effect {
    case .flat: effect = [("kind", .string("flat"))]
    case .normal(let n): effect = [("kind", .string("normal")), ("mean", .number(n.mean)), ("sd", .number(n.standardDeviation))]
    case .hierarchical(let h):
      effect = [
        ("kind", .string("hierarchical")), ("estimates", .array(h.estimates.map { .number($0) })),
        ("standard_errors", .array(h.standardErrors.map { .number($0) })),
        ("population_mean", h.populationMean.isFlat ? .null
          : .object([("mean", .number(h.populationMean.mean)), ("sd", .number(h.populationMean.standardDeviation))])),
        ("population_scale", .number(h.populationScale)),
      ]
    }
    var covariance: [(String, JSONValue)] = []
    if case .lkj(let eta, let scale) = o.prior.covariance { covariance = [("lkj_eta", .number(eta)), ("sigma_scale", .number(scale))] }
    var twoStage = JSONValue.null
    if let fit = context.twoStage, let j = fit.parameterNames.firstIndex(of: r.effectName) {
      twoStage = .object([("estimate", .number(fit.params[j])), ("std_error", .number(fit.stdErrors[j]))])
    }
    return .object([
      ("formula", .string(o.formula)), ("dependent", .string(r.dependentName)), ("effect", .string(r.effectName)),
      ("observations", .integer(r.observationCount)), ("rows_dropped", .integer(context.droppedRows)),
      ("subset", o.subset.map { .string($0) } ?? .null),
      ("sampler", .object([
        ("chains", .integer(r.chainCount)), ("draws", .integer(r.drawsPerChain)), ("warmup", .integer(r.warmup)),
        ("seed", Int(exactly: r.seed).map { .integer($0) } ?? .string(String(r.seed))),
        ("covariance_acceptance", r.covarianceAcceptanceRate.map { .number($0) } ?? .null),
      ])),
      ("prior", .object([("effect", .object(effect)), ("covariance", .object(covariance))])),
      ("hdi_prob", .number(o.hdiProbability)), ("parameters", .object(parameters)), ("two_sls", twoStage),
    ])
  }
}
