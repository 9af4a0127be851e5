import Formulas
import Regression
import Tabular

/// The parsed options of the fitting commands (`ivreg [fit]` and `ivreg compare`).
struct FitOptions: Equatable {
  enum Format: String, CaseIterable { case text, markdown, latex, json, csv }

  var dataPath = ""
  /// One formula for `fit`, two or more for `compare`.
  var formulas: [String] = []
  /// The `--cov` value, before `--cluster`, `--kernel` and `--bandwidth` complete it.
  var covarianceName: String?
  var clusterColumns: [String] = []
  var kernel: KernelType?
  var bandwidth: Double?
  var debiased = false
  var estimator = "2sls"
  var fuller: Double?
  var kappa: Double?
  /// GMM weight matrix (`--weight`) and the iteration limit (`--gmm-iterations`).
  var weightName: String?
  var gmmIterations = 2
  var level = 0.95
  var firstStage = false
  var diagnostics = false
  var format: Format = .text
  /// The `--subset` condition.
  var subset: String?
  /// `--strict`: rows with missing values are an error, not dropped.
  var strict = false
  /// `--streaming`: two passes over blocks of the file instead of loading it.
  var streaming = false
  /// `--absorb auto|yes|no`: the absorbing fit for the intercept and a categorical term.
  var absorb = "auto"
  /// The `--plot` destination.
  var plotPath: String?
  /// LASSO instrument selection (`ivreg lasso`, `--select-instruments`); nil for none.
  var selection: SelectionOptions?

  /// The formula of `fit`.
  var formula: String { formulas.first ?? "" }

  /// Values of `--weight`.
  static let weightNames = ["robust", "unadjusted", "kernel", "clustered"]
  /// Values of `--estimator`.
  static let estimatorNames = ["2sls", "liml", "gmm"]
  /// Values of `--cov`.
  static let covarianceNames = ["unadjusted", "robust", "hc0", "hc1", "hc2", "hc3", "clustered", "kernel"]

  /// Default options (robust 2SLS, text output) with no data or formula.
  init() {}

  /// Parses the arguments of `ivreg fit` (after the subcommand's name).
  static func parse(
    _ arguments: [String], specification: CommandSpecification = CommandCatalog.fit
  ) throws(CommandLineError) -> FitOptions {
    let parsed = try ParsedArguments(arguments, specification: specification)
    let positional = parsed.positional
    guard positional.count >= 1 else { throw .missingArgument("<data>") }
    guard positional.count >= 2 else { throw .missingArgument("<formula>") }
    guard positional.count == 2 else { throw .unexpectedArguments(Array(positional.dropFirst(2))) }
    return try FitOptions(parsed, dataPath: positional[0], formulas: [positional[1]], specification: specification)
  }

  /// Interprets the fitting options of a split command line.
  init(
    _ parsed: ParsedArguments, dataPath: String, formulas: [String], specification: CommandSpecification
  ) throws(CommandLineError) {
    self.dataPath = dataPath
    self.formulas = formulas
    if specification.option(named: "--select") != nil { selection = SelectionOptions() }
    if let method = parsed.value("--select-instruments") {
      selection = SelectionOptions()
      try selection?.set("--select-instruments", method, display: "--select-instruments <method>")
    }
    for option in specification.options {
      if option.isFlag {
        guard parsed.flags.contains(option.name) else { continue }
        switch option.name {
        case "--debiased": debiased = true
        case "--first-stage": firstStage = true
        case "--diagnostics": diagnostics = true
        case "--strict": strict = true
        case "--streaming": streaming = true
        default: break
        }
      } else if let value = parsed.value(option.name) {
        if option.name == "--select" || SelectionOptions.settingNames.contains(option.name) {
          guard selection != nil else {
            throw .conflictingOptions("'\(option.name)' needs '--select-instruments cv|plugin'")
          }
          try selection?.set(option.name, value, display: option.display)
        } else {
          try set(option.name, value, display: option.display)
        }
      }
    }
    if streaming {
      if selection != nil { throw .conflictingOptions("'--streaming' cannot be used with '--select-instruments'") }
      if subset != nil { throw .conflictingOptions("'--streaming' cannot be used with '--subset'") }
      if absorb == "no" { throw .conflictingOptions("'--streaming' absorbs the intercept and categorical term; it cannot be used with '--absorb no'") }
      if let other = ["--estimator", "--fuller", "--kappa", "--weight", "--gmm-iterations"].first(where: { parsed.contains($0) }),
        other != "--estimator" || parsed.value("--estimator") != "2sls"
      {
        throw .conflictingOptions("'--streaming' fits 2SLS or OLS; '\(other)' cannot be used with it")
      }
    }
    if let selection {
      try selection.validate(seedGiven: parsed.contains("--seed"), controlsGiven: parsed.contains("--controls"))
      let estimatorOptions = ["--estimator", "--fuller", "--kappa", "--weight", "--gmm-iterations", "--absorb"]
      if let other = estimatorOptions.first(where: { parsed.contains($0) }), estimator != "2sls" || other != "--estimator" {
        throw .conflictingOptions("instrument selection fits 2SLS; '\(other)' cannot be used with it")
      }
    }
    _ = try covariance()
    let estimatorGiven = parsed.contains("--estimator")
    if (fuller != nil || kappa != nil) && estimator == "2sls" && estimatorGiven {
      throw .conflictingOptions("'--fuller' and '--kappa' need '--estimator liml'")
    }
    if fuller != nil || kappa != nil { estimator = "liml" }
    if weightName != nil && estimator != "gmm" {
      guard !estimatorGiven else { throw .conflictingOptions("'--weight' needs '--estimator gmm'") }
      estimator = "gmm"
    }
  }

  private mutating func set(_ name: String, _ value: String, display: String) throws(CommandLineError) {
    switch name {
    case "--absorb":
      guard ["auto", "yes", "no"].contains(value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: ["auto", "yes", "no"])
      }
      absorb = value.lowercased()
    case "--cov":
      guard Self.covarianceNames.contains(value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: Self.covarianceNames)
      }
      covarianceName = value.lowercased()
    case "--cluster":
      let columns = value.split(separator: ",").map { String($0) }
      guard (1...2).contains(columns.count), !columns.contains(where: \.isEmpty) else {
        throw .invalidValue(value, option: display, allowed: nil)
      }
      clusterColumns = columns
    case "--kernel":
      guard let kernel = KernelType(rawValue: value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: KernelType.allCases.map(\.rawValue))
      }
      self.kernel = kernel
    case "--estimator":
      guard Self.estimatorNames.contains(value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: Self.estimatorNames)
      }
      estimator = value.lowercased()
    case "--weight":
      guard Self.weightNames.contains(value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: Self.weightNames)
      }
      weightName = value.lowercased()
    case "--gmm-iterations":
      guard let n = Int(value), n >= 1 else { throw .invalidValue(value, option: display, allowed: nil) }
      gmmIterations = n
    case "--fuller", "--kappa":
      guard let number = Double(value), number.isFinite else { throw .invalidValue(value, option: display, allowed: nil) }
      if name == "--fuller" { fuller = number } else { kappa = number }
    case "--bandwidth":
      guard let bandwidth = Double(value), bandwidth.isFinite else {
        throw .invalidValue(value, option: display, allowed: nil)
      }
      self.bandwidth = bandwidth
    case "--level":
      guard let level = Double(value), level > 0, level < 1 else {
        throw .invalidValue(value, option: display, allowed: nil)
      }
      self.level = level
    case "--subset":
      subset = value
    case "--plot":
      guard !value.isEmpty else { throw .invalidValue(value, option: display, allowed: nil) }
      plotPath = value
    case "--format":
      guard let format = Format(rawValue: value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: Format.allCases.map(\.rawValue))
      }
      self.format = format
    default:
      break
    }
  }

  /// The covariance estimator the options describe. `--cluster` implies
  /// `--cov clustered`, and `--kernel`/`--bandwidth` imply `--cov kernel`.
  ///
  /// - Throws: ``CommandLineError`` when the options contradict each other.
  func covariance() throws(CommandLineError) -> CovarianceEstimator {
    let kernelOptions = kernel != nil || bandwidth != nil
    let name = covarianceName ?? (!clusterColumns.isEmpty ? "clustered" : kernelOptions ? "kernel" : "robust")
    // linearmodels' GMM covariance has no HC1-HC3 or two-way clusters; those fail in IVGMM.
    if !clusterColumns.isEmpty && name != "clustered" && weightName != "clustered" {
      throw .conflictingOptions("'--cluster' needs '--cov clustered', not '--cov \(name)'")
    }
    if kernelOptions && name != "kernel" && weightName != "kernel" {
      throw .conflictingOptions("'--kernel' and '--bandwidth' need '--cov kernel', not '--cov \(name)'")
    }
    switch name {
    case "unadjusted": return .unadjusted
    case "hc1": return .hc1
    case "hc2": return .hc2
    case "hc3": return .hc3
    case "clustered":
      guard !clusterColumns.isEmpty else { throw .missingValue(option: "--cluster <columns>") }
      return .clustered(.columns(clusterColumns))
    case "kernel": return .kernel(kernel ?? .bartlett, bandwidth: bandwidth)
    default: return .robust
    }
  }

  /// The GMM weight matrix the options describe; its kernel, bandwidth and clusters
  /// come from `--kernel`, `--bandwidth` and `--cluster`.
  func gmmWeight() throws(CommandLineError) -> GMMWeight {
    switch weightName ?? "robust" {
    case "unadjusted": return .unadjusted
    case "kernel": return .kernel(kernel ?? .bartlett, bandwidth: bandwidth)
    case "clustered":
      guard !clusterColumns.isEmpty else { throw .missingValue(option: "--cluster <columns>") }
      return .clustered(.columns(clusterColumns))
    default: return .robust
    }
  }
}
