import Bayesian
import Foundation
import Formulas
import Regression
import Tabular

/// `ivreg bayes <data> <formula>`: the posterior of a Bayesian IV model, optionally with
/// a hierarchical prior from earlier estimates.
enum BayesCommand {
  /// The parsed command line.
  struct Options {
    var dataPath = ""
    var formula = ""
    var draws = 1000
    var chains = 4
    var warmup = 1000
    var seed: UInt64 = 1
    var prior = BayesianIVPrior()
    var hdiProbability = 0.94
    var subset: String?
    var strict = false
    var format: FitOptions.Format = .text
    var plotPath: String?
  }

  static func run(_ arguments: [String], progress: ProgressReporter?) -> IVRegCommand.Outcome {
    let command = CommandCatalog.bayes
    if let early = IVRegCommand.earlyExit(arguments, command: command) { return early }
    let options: Options
    do throws(CommandLineError) {
      options = try parse(arguments)
    } catch {
      return .usageFailure(error.description, command: command)
    }
    let runner = ModelRunner(
      dataPath: options.dataPath, subset: options.subset, strict: options.strict, progress: progress, command: command)
    do {
      let (data, subsetNote) = try runner.loadData()
      let design = try runner.designMatrices(options.formula, data: data)
      let results = try BayesianIV(design: design, prior: options.prior)
        .fit(chains: options.chains, draws: options.draws, warmup: options.warmup, seed: options.seed)
      // The 2SLS estimate beside the posterior, when the model has one (it always should).
      let twoStage = try? IV2SLS(design: design, data: data).fit()
      var messages = options.format == .text ? "" : subsetNote.map { $0 + "\n" } ?? ""
      if options.format != .text && design.droppedRowCount > 0 {
        messages += "Rows dropped: \(design.droppedRowCount) (missing values)\n"
      }
      if let plotPath = options.plotPath {
        messages += try PosteriorPlotWriter.write(results, twoStage: twoStage, options: options, to: plotPath)
      }
      let context = BayesOutput.Context(
        options: options, results: results, twoStage: twoStage, droppedRows: design.droppedRowCount, subsetNote: subsetNote)
      return .success(BayesOutput.render(context), messages: messages)
    } catch let failure as ModelRunner.Failure {
      return failure.outcome
    } catch let error as BayesianIVError {
      return .dataFailure(error.description)
    } catch let error as PlotWriter.WriteError {
      return .dataFailure(error.description)
    } catch {
      return .dataFailure("\(error)")
    }
  }

  static func parse(_ arguments: [String]) throws(CommandLineError) -> Options {
    let parsed = try ParsedArguments(arguments, specification: CommandCatalog.bayes)
    let positional = parsed.positional
    guard positional.count >= 1 else { throw .missingArgument("<data>") }
    guard positional.count >= 2 else { throw .missingArgument("<formula>") }
    guard positional.count == 2 else { throw .unexpectedArguments(Array(positional.dropFirst(2))) }
    var options = Options()
    options.dataPath = positional[0]
    options.formula = positional[1]
    options.subset = parsed.value("--subset")
    options.strict = parsed.flags.contains("--strict")
    options.plotPath = parsed.value("--plot")
    options.draws = try integer(parsed.value("--draws"), option: "--draws <n>", minimum: 4) ?? options.draws
    options.chains = try integer(parsed.value("--chains"), option: "--chains <n>", minimum: 1) ?? options.chains
    options.warmup = try integer(parsed.value("--warmup"), option: "--warmup <n>", minimum: 0) ?? options.warmup
    if let value = parsed.value("--seed") {
      guard let seed = UInt64(value) else { throw .invalidValue(value, option: "--seed <n>", allowed: nil) }
      options.seed = seed
    }
    if let value = parsed.value("--hdi") {
      guard let p = Double(value), p > 0, p < 1 else { throw .invalidValue(value, option: "--hdi <p>", allowed: nil) }
      options.hdiProbability = p
    }
    if let value = parsed.value("--format") {
      guard let format = FitOptions.Format(rawValue: value.lowercased()) else {
        throw .invalidValue(value, option: "--format <format>", allowed: FitOptions.Format.allCases.map(\.rawValue))
      }
      options.format = format
    }
    let eta = try positive(parsed.value("--lkj-eta"), option: "--lkj-eta <eta>") ?? 2
    let sigmaScale = try positive(parsed.value("--sigma-scale"), option: "--sigma-scale <s>") ?? 2
    options.prior.covariance = .lkj(eta: eta, scale: sigmaScale)

    let effects = try parsed.value("--prior-effects").map { v throws(CommandLineError) in try numbers(v, option: "--prior-effects <b1,b2,...>") }
    let ses = try parsed.value("--prior-ses").map { v throws(CommandLineError) in try numbers(v, option: "--prior-ses <s1,s2,...>") }
    switch (effects, ses) {
    case (nil, nil):
      for name in ["--population-prior", "--population-scale"] where parsed.contains(name) {
        throw .conflictingOptions("'\(name)' needs '--prior-effects' and '--prior-ses'")
      }
      if let value = parsed.value("--effect-prior") {
        options.prior.effect = .normal(try normal(value, option: "--effect-prior <mean,sd>"))
      }
    case (let effects?, let ses?):
      if parsed.contains("--effect-prior") {
        throw .conflictingOptions("'--effect-prior' cannot be combined with '--prior-effects' (the hierarchy is the effect's prior)")
      }
      guard effects.count == ses.count else {
        throw .conflictingOptions("'--prior-effects' has \(effects.count) values but '--prior-ses' has \(ses.count)")
      }
      guard ses.allSatisfy({ $0 > 0 }) else {
        throw .invalidValue(parsed.value("--prior-ses") ?? "", option: "--prior-ses <s1,s2,...>", allowed: nil)
      }
      let mean = try parsed.value("--population-prior").map { v throws(CommandLineError) in
        try normal(v, option: "--population-prior <mean,sd>")
      }
      let scale = try positive(parsed.value("--population-scale"), option: "--population-scale <s>") ?? 2
      options.prior.effect = .hierarchical(
        HierarchicalEffectPrior(estimates: effects, standardErrors: ses, populationMean: mean ?? .flat, populationScale: scale))
    case (nil, _?):
      throw .conflictingOptions("'--prior-ses' needs '--prior-effects'")
    case (_?, nil):
      throw .conflictingOptions("'--prior-effects' needs '--prior-ses'")
    }
    return options
  }

  static func integer(_ value: String?, option: String, minimum: Int) throws(CommandLineError) -> Int? {
    guard let value else { return nil }
    guard let n = Int(value), n >= minimum else { throw .invalidValue(value, option: option, allowed: nil) }
    return n
  }

  static func positive(_ value: String?, option: String) throws(CommandLineError) -> Double? {
    guard let value else { return nil }
    guard let x = Double(value), x.isFinite, x > 0 else { throw .invalidValue(value, option: option, allowed: nil) }
    return x
  }

  /// A comma-separated list of finite numbers.
  static func numbers(_ value: String, option: String) throws(CommandLineError) -> [Double] {
    let parts = value.split(separator: ",", omittingEmptySubsequences: false).map {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
    guard !parts.isEmpty, parts.allSatisfy({ $0?.isFinite == true }) else {
      throw .invalidValue(value, option: option, allowed: nil)
    }
    return parts.compactMap { $0 }
  }

  /// `mean,sd` with a positive sd.
  static func normal(_ value: String, option: String) throws(CommandLineError) -> NormalPrior {
    let parts = try numbers(value, option: option)
    guard parts.count == 2, parts[1] > 0 else { throw .invalidValue(value, option: option, allowed: nil) }
    return NormalPrior(mean: parts[0], standardDeviation: parts[1])
  }
}
