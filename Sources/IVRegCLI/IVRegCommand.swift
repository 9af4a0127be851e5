import Foundation

/// The `ivreg` command: dispatch to a subcommand, run it, report. Everything is
/// callable in-process (``run(_:)``) so tests need no subprocess; ``main()`` wires it
/// to the process.
public enum IVRegCommand {
  /// What a run printed and its exit status.
  public struct Outcome: Sendable, Equatable {
    /// Exit status: 0 success, 1 data or model error, 64 usage error.
    public var status: Int32
    /// Text for standard output.
    public var standardOutput: String
    /// Text for standard error.
    public var standardError: String

    static func success(_ output: String, messages: String = "") -> Outcome {
      Outcome(status: 0, standardOutput: output, standardError: messages)
    }

    /// A data or model error: one line `Error: …`, then any caret diagram.
    static func dataFailure(_ message: String, detail: String? = nil) -> Outcome {
      Outcome(status: 1, standardOutput: "", standardError: "Error: \(message)\n" + (detail.map { $0 + "\n" } ?? ""))
    }

    /// A usage error: `Error: …`, the command's usage line and where to find help.
    static func usageFailure(_ message: String, command: CommandSpecification, detail: String? = nil) -> Outcome {
      let helpCommand = command.name.map { "ivreg \($0) --help" } ?? "ivreg --help"
      return Outcome(
        status: 64, standardOutput: "",
        standardError: "Error: \(message)\n" + (detail.map { $0 + "\n" } ?? "")
          + "Usage: \(command.usage)\n  See '\(helpCommand)' for more information.\n")
    }
  }

  /// Runs the process's command line and exits with its status.
  public static func main() -> Never {
    MemoryTuning.configureForLargeData()
    let progress = ProgressReporter.standardErrorIfTerminal()
    let outcome = run(Array(CommandLine.arguments.dropFirst()), progress: progress)
    FileHandle.standardOutput.write(Data(outcome.standardOutput.utf8))
    FileHandle.standardError.write(Data(outcome.standardError.utf8))
    exit(outcome.status)
  }

  /// Runs `ivreg` with the given arguments (without the program name).
  ///
  /// The first argument may name a subcommand (`fit`, `compare`, `describe`,
  /// `granger`, `bayes`, `help`); otherwise the arguments are `fit`'s.
  public static func run(_ arguments: [String]) -> Outcome {
    run(arguments, progress: nil)
  }

  static func run(_ arguments: [String], progress: ProgressReporter?) -> Outcome {
    guard let first = arguments.first else {
      return FitCommand.run([], progress: progress)
    }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "--help", "-h":
      return .success(CommandCatalog.root.helpText + "\n")
    case "--version":
      return .success(CommandCatalog.version + "\n")
    case "help":
      return help(rest)
    case "fit":
      return FitCommand.run(rest, progress: progress)
    case "compare":
      return CompareCommand.run(rest, progress: progress)
    case "lasso":
      return FitCommand.run(rest, progress: progress, command: CommandCatalog.lasso)
    case "describe":
      return DescribeCommand.run(rest, progress: progress)
    case "granger":
      return GrangerCommand.run(rest, progress: progress)
    case "bayes":
      return BayesCommand.run(rest, progress: progress)
    default:
      if CommandCatalog.reserved.contains(where: { $0.name == first }) {
        return .usageFailure("'ivreg \(first)' is not available yet", command: CommandCatalog.root)
      }
      return FitCommand.run(arguments, progress: progress)
    }
  }

  /// `ivreg help [subcommand]`.
  static func help(_ arguments: [String]) -> Outcome {
    guard let name = arguments.first else { return .success(CommandCatalog.root.helpText + "\n") }
    guard arguments.count == 1 else {
      return .usageFailure(CommandLineError.unexpectedArguments(Array(arguments.dropFirst())).description, command: CommandCatalog.root)
    }
    if let command = CommandCatalog.commands[name] { return .success(command.helpText + "\n") }
    if CommandCatalog.reserved.contains(where: { $0.name == name }) {
      return .usageFailure("'ivreg \(name)' is not available yet", command: CommandCatalog.root)
    }
    let suggestion = ParsedArguments.closest(name, among: Array(CommandCatalog.commands.keys).sorted())
    return .usageFailure(
      "Unknown subcommand '\(name)'" + (suggestion.map { ". Did you mean '\($0)'?" } ?? ""), command: CommandCatalog.root)
  }

  /// Whether the arguments ask for help or the version before anything else is checked.
  static func earlyExit(_ arguments: [String], command: CommandSpecification) -> Outcome? {
    for argument in arguments {
      if argument == "--" { break }
      if argument == "--help" || argument == "-h" { return .success(command.helpText + "\n") }
      if argument == "--version" && command.option(named: "--version") != nil {
        return .success(CommandCatalog.version + "\n")
      }
    }
    return nil
  }
}
