/// One option of a subcommand: a flag (`--debiased`) or an option with a value
/// (`--cov <cov>`), with the text `--help` prints for it.
struct OptionSpecification: Sendable {
  /// The long name with its dashes, e.g. `--cov`.
  let name: String
  /// A short alias, e.g. `-h`.
  var shortName: String? = nil
  /// The value's placeholder (`cov` prints as `<cov>`); nil for a flag.
  var valueName: String? = nil
  /// One or two sentences of help.
  let help: String
  /// The values the option accepts, printed as "(values: …)".
  var allowedValues: [String]? = nil
  /// The default, printed as "(default: …)".
  var defaultValue: String? = nil
  /// Whether the option takes no value.
  var isFlag: Bool { valueName == nil }

  /// `--cov <cov>` or `--debiased`: how usage lines and messages show the option.
  var display: String { valueName.map { "\(name) <\($0)>" } ?? name }

  /// The help column's label: `-h, --help` or `--cov <cov>`.
  var label: String { (shortName.map { "\($0), " } ?? "") + display }

  /// The help text with the accepted values and the default appended.
  var fullHelp: String {
    var notes: [String] = []
    if let allowedValues { notes.append("values: " + allowedValues.joined(separator: ", ")) }
    if let defaultValue { notes.append("default: " + defaultValue) }
    return notes.isEmpty ? help : help + " (" + notes.joined(separator: "; ") + ")"
  }
}

/// A positional argument of a subcommand.
struct ArgumentSpecification: Sendable {
  /// The placeholder without brackets, e.g. `data`.
  let name: String
  /// Help text.
  let help: String
  /// Whether it takes one or more values (`<formula> ...`).
  var repeating = false

  /// `<data>` or `<formula> ...`.
  var display: String { "<\(name)>" + (repeating ? " ..." : "") }
}

/// A subcommand's interface: what it is, its arguments and options. Help text and
/// usage lines are generated from it, so `--help`, the usage line of an error and
/// `Documentation/CLI.md` cannot drift apart.
struct CommandSpecification: Sendable {
  /// The subcommand's name (`fit`), or nil for the root command.
  let name: String?
  /// The one-line overview.
  let abstract: String
  /// Paragraphs after the overview.
  var discussion: String? = nil
  /// Positional arguments in order.
  var arguments: [ArgumentSpecification] = []
  /// Options in the order `--help` lists them.
  var options: [OptionSpecification] = []
  /// Subcommands (root command only): name and abstract.
  var subcommands: [(name: String, abstract: String)] = []
  /// The usage line's command part, e.g. `ivreg [fit]` for the default subcommand.
  let invocation: String

  /// The column at which help text starts and the line width, as swift-argument-parser.
  static let helpColumn = 26
  static let lineWidth = 80

  /// The usage line after `USAGE: `.
  var usage: String {
    var parts = [invocation]
    if !subcommands.isEmpty { parts.append("<subcommand>") }
    parts += arguments.map(\.display)
    parts += options.filter { $0.name != "--help" && $0.name != "--version" }.map { "[\($0.display)]" }
    return parts.joined(separator: " ")
  }

  /// The option with this long or short name.
  func option(named name: String) -> OptionSpecification? {
    options.first { $0.name == name || $0.shortName == name }
  }

  /// The full `--help` text (OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS).
  var helpText: String {
    var lines = ["OVERVIEW: " + abstract]
    if let discussion {
      lines.append("")
      lines += discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    lines += ["", "USAGE: " + usage]
    if !arguments.isEmpty {
      lines += ["", "ARGUMENTS:"]
      for argument in arguments { lines += Self.helpEntry(label: argument.display, text: argument.help) }
    }
    if !options.isEmpty {
      lines += ["", "OPTIONS:"]
      for option in options { lines += Self.helpEntry(label: option.label, text: option.fullHelp) }
    }
    if !subcommands.isEmpty {
      lines += ["", "SUBCOMMANDS:"]
      for subcommand in subcommands { lines += Self.helpEntry(label: subcommand.name, text: subcommand.abstract) }
      lines += ["", "  See 'ivreg help <subcommand>' for detailed help."]
    }
    lines += ["", "EXIT STATUS:", "  0 success, 1 data or model error, 64 usage error."]
    return lines.joined(separator: "\n")
  }

  /// A label in the left column and its help wrapped in the right one; a label too
  /// wide for the column puts the help on the next line.
  static func helpEntry(label: String, text: String) -> [String] {
    let indent = String(repeating: " ", count: helpColumn)
    let wrapped = wrap(text, width: lineWidth - helpColumn)
    var lines: [String] = []
    let head = "  " + label
    if head.count <= helpColumn - 1 {
      let padded = head + String(repeating: " ", count: helpColumn - head.count)
      lines.append(padded + (wrapped.first ?? ""))
      lines += wrapped.dropFirst().map { indent + $0 }
    } else {
      lines.append(head)
      lines += wrapped.map { indent + $0 }
    }
    return lines.map { $0.trailingSpacesRemoved }
  }

  /// Greedy word wrap.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}

extension String {
  var trailingSpacesRemoved: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
