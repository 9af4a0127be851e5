import Tabular

/// A command line split by a ``CommandSpecification``: positional arguments, option
/// values and flags, before any option is interpreted.
struct ParsedArguments: Sendable, Equatable {
  /// Positional arguments in order.
  var positional: [String] = []
  /// Values of options that take one, by long name, in the order given.
  var values: [String: [String]] = [:]
  /// Flags that were given, by long name.
  var flags: Set<String> = []

  /// The last value of an option (a repeated option's last one wins).
  func value(_ name: String) -> String? { values[name]?.last }

  /// Whether an option or flag was given at all.
  func contains(_ name: String) -> Bool { flags.contains(name) || values[name] != nil }

  /// Splits `arguments` by `specification`.
  ///
  /// `--name=value` and `--name value` are both accepted; `--` ends the options;
  /// a negative number is positional.
  ///
  /// - Throws: ``CommandLineError`` for an unknown option (with a suggestion), a
  ///   missing value or a value given to a flag. A repeated option's last value wins.
  init(_ arguments: [String], specification: CommandSpecification) throws(CommandLineError) {
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
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let option = specification.option(named: name) else {
        throw .unknownOption(argument, suggestion: Self.suggestion(for: name, among: specification.options.map(\.name)))
      }
      if option.isFlag {
        if inlineValue != nil { throw .flagWithValue(option.name) }
        flags.insert(option.name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard index < arguments.count else { throw .missingValue(option: option.display) }
        value = arguments[index]
        index += 1
      }
      values[option.name, default: []].append(value)
    }
  }

  /// The nearest known option to a mistyped one.
  static func suggestion(for name: String, among known: [String]) -> String? {
    closest(name, among: known.filter { $0.hasPrefix("--") })
  }

  /// The nearest of `known` to a mistyped name (a subcommand, an option).
  static func closest(_ name: String, among known: [String]) -> String? {
    closestMatch(to: name, among: known, limit: max(2, name.count / 3))
  }
}
