import Foundation
import Formulas
import Regression
import Tabular

/// The `ivreg` command: parse, validate, run. Everything is callable in-process
/// (``run(_:)``) so tests need no subprocess; `main()` wires it to the process.
public enum IVRegCommand {
  /// What a run printed and its exit status.
  public struct Outcome: Sendable, Equatable {
    /// Exit status: 0 success, 1 data or model error, 64 usage error.
    public var status: Int32
    /// Text for standard output.
    public var standardOutput: String
    /// Text for standard error.
    public var standardError: String
  }

  /// Runs the process's command line and exits with its status.
  public static func main() -> Never {
    let outcome = run(Array(CommandLine.arguments.dropFirst()))
    FileHandle.standardOutput.write(Data(outcome.standardOutput.utf8))
    FileHandle.standardError.write(Data(outcome.standardError.utf8))
    exit(outcome.status)
  }

  /// Runs `ivreg` with the given arguments (without the program name).
  public static func run(_ arguments: [String]) -> Outcome {
    if arguments.contains("--help") || arguments.contains("-h") {
      return Outcome(status: 0, standardOutput: HelpText.full + "\n", standardError: "")
    }
    if arguments.contains("--version") {
      return Outcome(status: 0, standardOutput: HelpText.version + "\n", standardError: "")
    }
    let options: FitOptions
    do {
      options = try FitOptions.parse(arguments)
    } catch {
      return usageFailure(error.description)
    }
    let formula: Formula
    do {
      formula = try Formula(options.formula)
    } catch {
      // A formula that does not parse is a usage error; the caret shows where.
      var message = "Error: \(error.description)\n"
      if let diagram = error.caretDiagram(for: options.formula) { message += diagram + "\n" }
      return Outcome(status: 64, standardOutput: "", standardError: message)
    }
    do {
      let data = try DataTable(contentsOfCSVFile: options.dataPath)
      let design = try DesignMatrices(formula: formula, data: data)
      let covariance = try options.covariance()
      let results: RegressionResults
      switch options.estimator {
      case "liml":
        results = try IVLIML(design: design, data: data, fuller: options.fuller ?? 0, kappa: options.kappa)
          .fit(covariance: covariance, debiased: options.debiased)
      case "gmm":
        results = try IVGMM(design: design, data: data, weightType: try options.gmmWeight())
          .fit(covariance: covariance, debiased: options.debiased, iterationLimit: options.gmmIterations)
      default:
        results = try IV2SLS(design: design, data: data).fit(covariance: covariance, debiased: options.debiased)
      }
      return Outcome(status: 0, standardOutput: try render(results, options: options), standardError: "")
    } catch let error as FormulaError {
      var message = "Error: \(error.description)\n"
      if let diagram = error.caretDiagram(for: options.formula) { message += diagram + "\n" }
      return Outcome(status: 1, standardOutput: "", standardError: message)
    } catch let error as CSVError {
      return Outcome(status: 1, standardOutput: "", standardError: "Error: \(options.dataPath): \(error.description)\n")
    } catch {
      return Outcome(status: 1, standardOutput: "", standardError: "Error: \(error)\n")
    }
  }

  private static func render(_ results: RegressionResults, options: FitOptions) throws -> String {
    switch options.format {
    case .json:
      return try ResultsJSON.render(results, formula: options.formula, level: options.level) + "\n"
    case .text:
      var text = results.summary + "\n"
      if results.rowsDropped > 0 {
        text += "\nRows dropped: \(results.rowsDropped) (missing values)\n"
      }
      if options.firstStage && results.design.isInstrumental {
        text += "\n" + (results.firstStage?.summary ?? "First stage unavailable: the first-stage regressions need more observations than instruments") + "\n"
      }
      if options.diagnostics && results.design.isInstrumental {
        text += "\n" + results.diagnosticsSummary + "\n"
      }
      return text
    }
  }

  private static func usageFailure(_ message: String) -> Outcome {
    Outcome(
      status: 64, standardOutput: "",
      standardError: "Error: \(message)\nUsage: \(HelpText.usage)\n  See 'ivreg --help' for more information.\n")
  }
}
