import Foundation
import Regression
import Reporting

/// `ivreg compare <data> <formula> <formula> …`: several models in one table.
enum CompareCommand {
  static func run(_ arguments: [String], progress: ProgressReporter?) -> IVRegCommand.Outcome {
    let command = CommandCatalog.compare
    if let early = IVRegCommand.earlyExit(arguments, command: command) { return early }
    let options: FitOptions
    let statistic: ModelComparison.Statistic
    let names: [String]?
    let parsed: ParsedArguments
    do throws(CommandLineError) {
      parsed = try ParsedArguments(arguments, specification: command)
      let positional = parsed.positional
      guard positional.count >= 1 else { throw .missingArgument("<data>") }
      guard positional.count >= 3 else {
        throw .missingArgument(positional.count == 1 ? "<formula> ..." : "<formula> (a second model)")
      }
      options = try FitOptions(
        parsed, dataPath: positional[0], formulas: Array(positional.dropFirst()), specification: command)
      let statName = parsed.value("--stat") ?? "se"
      guard let chosen = ModelComparison.Statistic(rawValue: statName.lowercased()) else {
        throw .invalidValue(statName, option: "--stat <stat>", allowed: ModelComparison.Statistic.allCases.map(\.rawValue))
      }
      statistic = chosen
      names = try parsed.value("--names").map { value throws(CommandLineError) in
        let list = value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard list.count == options.formulas.count, !list.contains(where: \.isEmpty) else {
          throw .invalidValue(value, option: "--names <names>", allowed: nil)
        }
        return list
      }
    } catch {
      return .usageFailure(error.description, command: command)
    }
    let runner = ModelRunner(options: options, progress: progress)
    do {
      let (data, subsetNote) = try runner.loadData()
      var results: [RegressionResults] = []
      for formula in options.formulas { results.append(try runner.fit(formula, data: data)) }
      let comparison = try ModelComparison(
        results, names: names, statistic: statistic, stars: parsed.flags.contains("--stars"), level: options.level)
      var messages = options.format == .text ? "" : subsetNote.map { $0 + "\n" } ?? ""
      if let plotPath = options.plotPath {
        messages += try PlotWriter.write(results, names: comparison.names, level: options.level, to: plotPath)
      }
      let dropped = SummaryNotes.droppedRows(results, names: comparison.names)
      if options.format != .text, let dropped { messages += dropped + "\n" }
      let output: String
      switch options.format {
      case .text:
        output = comparison.table.text + (subsetNote.map { "\n" + $0 } ?? "") + (dropped.map { "\n" + $0 } ?? "")
      case .markdown: output = comparison.table.markdown
      case .latex: output = comparison.table.latex
      case .csv: output = comparison.csv
      case .json:
        var models: [JSONValue] = []
        for (index, r) in results.enumerated() {
          guard case .object(let members) = try ResultsJSON.value(r, formula: options.formulas[index], level: options.level, subset: options.subset)
          else { continue }
          models.append(.object([("name", .string(comparison.names[index]))] + members))
        }
        output = JSONValue.object([("models", .array(models))]).render()
      }
      return .success(output + "\n", messages: messages)
    } catch let failure as ModelRunner.Failure {
      return failure.outcome
    } catch {
      return .dataFailure("\(error)")
    }
  }
}
