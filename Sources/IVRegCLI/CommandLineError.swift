/// A usage error: the command line itself is wrong (exit status 64, `EX_USAGE`).
///
/// Messages follow swift-argument-parser's wording.
public enum CommandLineError: Error, Equatable, CustomStringConvertible {
  case missingArgument(String)
  case missingValue(option: String)
  case invalidValue(String, option: String, allowed: [String]?)
  case unknownOption(String, suggestion: String?)
  case unexpectedArguments([String])
  case conflictingOptions(String)
  case flagWithValue(String)

  public var description: String {
    switch self {
    case .missingArgument(let name):
      return "Missing expected argument '\(name)'"
    case .missingValue(let option):
      return "Missing value for '\(option)'"
    case .invalidValue(let value, let option, let allowed):
      guard let allowed else { return "The value '\(value)' is invalid for '\(option)'" }
      let quoted = allowed.map { "'\($0)'" }
      let list = quoted.count > 1 ? quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "") : quoted.joined()
      return "The value '\(value)' is invalid for '\(option)'. Please provide one of \(list)."
    case .unknownOption(let option, let suggestion):
      return "Unknown option '\(option)'" + (suggestion.map { ". Did you mean '\($0)'?" } ?? "")
    case .flagWithValue(let flag):
      return "The flag '\(flag)' does not take a value"
    case .conflictingOptions(let message):
      return message
    case .unexpectedArguments(let arguments):
      if arguments.count == 1 { return "Unexpected argument '\(arguments[0])'" }
      return "\(arguments.count) unexpected arguments: " + arguments.map { "'\($0)'" }.joined(separator: ", ")
    }
  }
}
