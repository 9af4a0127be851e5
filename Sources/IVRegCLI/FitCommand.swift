import Foundation
import Formulas
import Regression
import Reporting
import SparseIV

/// `ivreg [fit] <data> <formula>`: one model, printed in the chosen format; also
/// `ivreg lasso` (the same with LASSO instrument selection).
enum FitCommand {
  static func run(
    _ arguments: [String], progress: ProgressReporter?, command: CommandSpecification = CommandCatalog.fit
  ) -> IVRegCommand.Outcome {
    if let early = IVRegCommand.earlyExit(arguments, command: command) { return early }
    let options: FitOptions
    do throws(CommandLineError) {
      options = try FitOptions.parse(arguments, specification: command)
      if options.format == .csv && (options.firstStage || options.diagnostics) {
        throw .conflictingOptions(
          "'--first-stage' and '--diagnostics' are not available with '--format csv' (use json)")
      }
    } catch {
      return .usageFailure(error.description, command: command)
    }
    let runner = ModelRunner(options: options, progress: progress)
    do {
      let results: RegressionResults, subsetNote: String?
      if options.streaming {
        (results, subsetNote) = (try runner.fitStreaming(options.formula), nil)
      } else {
        let (data, note) = try runner.loadData()
        if let selection = options.selection {
          let run = try runner.fitWithSelection(options.formula, data: data, selection: selection)
          return try SelectionOutput.render(run, options: options, subsetNote: note)
        }
        (results, subsetNote) = (try runner.fit(options.formula, data: data), note)
      }
      // The text summary carries the subset line itself; other formats get it on stderr.
      var messages = options.format == .text ? "" : subsetNote.map { $0 + "\n" } ?? ""
      if options.format != .text && results.rowsDropped > 0 {
        messages += "Rows dropped: \(results.rowsDropped) (missing values)\n"
      }
      if let plotPath = options.plotPath {
        messages += try PlotWriter.write([results], names: [options.formula], level: options.level, to: plotPath)
      }
      return .success(try FitOutput.render(results, options: options, subsetNote: subsetNote), messages: messages)
    } catch let failure as ModelRunner.Failure {
      return failure.outcome
    } catch {
      return .dataFailure("\(error)")
    }
  }
}

/// How `fit` prints one result in each format.
enum FitOutput {
  static func render(_ results: RegressionResults, options: FitOptions, subsetNote: String?) throws -> String {
    let instrumental = results.design.isInstrumental
    switch options.format {
    case .json:
      return try ResultsJSON.render(results, formula: options.formula, level: options.level, subset: options.subset) + "\n"
    case .csv:
      let table = try CoefficientTable(results, level: options.level)
      return ([CoefficientTable.columnNames.joined(separator: ",")] + table.csvLines()).joined(separator: "\n") + "\n"
    case .markdown, .latex:
      var tables = [try CoefficientTable(results, level: options.level).reportTable(for: results, caption: "\(results.method) Estimation Summary")]
      if options.firstStage, instrumental, let firstStage = ReportTable.firstStage(results) { tables.append(firstStage) }
      if options.diagnostics, instrumental, let diagnostics = ReportTable.diagnostics(results) { tables.append(diagnostics) }
      let rendered = tables.map { options.format == .markdown ? $0.markdown : $0.latex }
      return rendered.joined(separator: "\n\n") + "\n"
    case .text:
      var text = results.summary + "\n"
      if let subsetNote { text += "\n" + subsetNote + "\n" }
      if results.rowsDropped > 0 {
        text += (subsetNote == nil ? "\n" : "") + "Rows dropped: \(results.rowsDropped) (missing values)\n"
      }
      let firstStage = instrumental ? results.firstStage : nil
      let notes = SummaryNotes.lines(for: results, firstStage: firstStage)
      if !notes.isEmpty { text += "\n" + notes.joined(separator: "\n") + "\n" }
      if options.firstStage && instrumental {
        text += "\n" + (firstStage?.summary ?? "First stage unavailable: the first-stage regressions need more observations than instruments") + "\n"
      }
      if options.diagnostics && instrumental {
        text += "\n" + results.diagnosticsSummary + "\n"
      }
      return text
    }
  }
}
