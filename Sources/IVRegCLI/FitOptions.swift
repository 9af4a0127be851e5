import Formulas
import Regression
import Tabular

/// The parsed command line of `ivreg [fit]`.
struct FitOptions: Equatable {
  enum Format: String, CaseIterable { case text, json }

  var dataPath = ""
  var formula = ""
  var covariance: CovarianceEstimator = .robust
  var debiased = false
  var level = 0.95
  var firstStage = false
  var format: Format = .text

  /// Options that take a value, with their value names (for messages and help).
  static let valueOptions: [String: String] = [
    "--cov": "--cov <cov>", "--level": "--level <level>", "--format": "--format <format>",
  ]
  static let flags = ["--debiased", "--first-stage", "--help", "-h", "--version"]

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
      switch name {
      case "--debiased": options.debiased = true
      case "--first-stage": options.firstStage = true
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
    return options
  }

  private mutating func set(_ name: String, _ value: String, display: String) throws(CommandLineError) {
    switch name {
    case "--cov":
      guard let estimator = CovarianceEstimator(rawValue: value.lowercased()) else {
        throw .invalidValue(value, option: display, allowed: CovarianceEstimator.allCases.map(\.rawValue))
      }
      covariance = estimator
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

  private static func suggestion(for name: String, among known: [String]) -> String? {
    closestMatch(to: name, among: known.filter { $0.hasPrefix("--") }, limit: max(2, name.count / 3))
  }
}
