import Formulas
import Regression
import Tabular

/// The parsed command line of `ivreg [fit]`.
struct FitOptions: Equatable {
  enum Format: String, CaseIterable { case text, json }

  var dataPath = ""
  var formula = ""
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

  /// Options that take a value, with their value names (for messages and help).
  static let valueOptions: [String: String] = [
    "--cov": "--cov <cov>", "--level": "--level <level>", "--format": "--format <format>",
    "--cluster": "--cluster <columns>", "--kernel": "--kernel <kernel>", "--bandwidth": "--bandwidth <h>",
    "--estimator": "--estimator <estimator>", "--fuller": "--fuller <alpha>", "--kappa": "--kappa <kappa>",
    "--weight": "--weight <weight>", "--gmm-iterations": "--gmm-iterations <n>",
  ]
  /// Values of `--weight`.
  static let weightNames = ["robust", "unadjusted", "kernel", "clustered"]
  /// Values of `--estimator`.
  static let estimatorNames = ["2sls", "liml", "gmm"]
  /// Values of `--cov`.
  static let covarianceNames = ["unadjusted", "robust", "hc0", "hc1", "hc2", "hc3", "clustered", "kernel"]
  static let flags = ["--debiased", "--first-stage", "--diagnostics", "--help", "-h", "--version"]

  /// Parses the arguments after the program name (and an optional `fit`).
  static func parse(_ arguments: [String]) throws(CommandLineError) -> FitOptions {
    var options = FitOptions()
    var positional: [String] = []
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" || Double(argument) != nil {
        positional.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      if let display = valueOptions[name] {
        let value: String
        if let inlineValue {
          value = inlineValue
        } else {
          guard index < arguments.count else { throw .missingValue(option: display) }
          value = arguments[index]
          index += 1
        }
        try options.set(name, value, display: display)
        continue
      }
      if inlineValue != nil, flags.contains(name) {
        throw .flagWithValue(name)
      }
      switch name {
      case "--debiased": options.debiased = true
      case "--first-stage": options.firstStage = true
      case "--diagnostics": options.diagnostics = true
      default:
        let known = Array(valueOptions.keys) + flags
        throw .unknownOption(argument, suggestion: suggestion(for: name, among: known))
      }
    }
    if positional.first == "fit" { positional.removeFirst() }
    guard positional.count >= 1 else { throw .missingArgument("<data>") }
    guard positional.count >= 2 else { throw .missingArgument("<formula>") }
    guard positional.count == 2 else { throw .unexpectedArguments(Array(positional.dropFirst(2))) }
    options.dataPath = positional[0]
    options.formula = positional[1]
    _ = try options.covariance()
    if (options.fuller != nil || options.kappa != nil) && options.estimator == "2sls"
      && arguments.contains(where: { $0 == "--estimator" || $0.hasPrefix("--estimator=") })
    {
      throw .conflictingOptions("'--fuller' and '--kappa' need '--estimator liml'")
    }
    if options.fuller != nil || options.kappa != nil { options.estimator = "liml" }
    if options.weightName != nil && options.estimator != "gmm" {
      guard !arguments.contains(where: { $0 == "--estimator" || $0.hasPrefix("--estimator=") }) else {
        throw .conflictingOptions("'--weight' needs '--estimator gmm'")
      }
      options.estimator = "gmm"
    }
    return options
  }

  private mutating func set(_ name: String, _ value: String, display: String) throws(CommandLineError) {
    switch name {
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

  private static func suggestion(for name: String, among known: [String]) -> String? {
    closestMatch(to: name, among: known.filter { $0.hasPrefix("--") }, limit: max(2, name.count / 3))
  }
}
