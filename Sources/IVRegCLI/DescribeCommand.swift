import Foundation
import Reporting
import Tabular

/// `ivreg describe <data>`: the columns of a CSV file before any model.
enum DescribeCommand {
  static func run(_ arguments: [String], progress: ProgressReporter?) -> IVRegCommand.Outcome {
    let command = CommandCatalog.describe
    if let early = IVRegCommand.earlyExit(arguments, command: command) { return early }
    let format: String
    let levelLimit: Int
    let path: String
    do throws(CommandLineError) {
      let parsed = try ParsedArguments(arguments, specification: command)
      guard let first = parsed.positional.first else { throw .missingArgument("<data>") }
      guard parsed.positional.count == 1 else { throw .unexpectedArguments(Array(parsed.positional.dropFirst())) }
      path = first
      let allowed = command.option(named: "--format")?.allowedValues ?? []
      format = (parsed.value("--format") ?? "text").lowercased()
      guard allowed.contains(format) else {
        throw .invalidValue(parsed.value("--format") ?? "", option: "--format <format>", allowed: allowed)
      }
      let levels = parsed.value("--levels") ?? "10"
      guard let n = Int(levels), n >= 0 else { throw .invalidValue(levels, option: "--levels <n>", allowed: nil) }
      levelLimit = n
    } catch {
      return .usageFailure(error.description, command: command)
    }
    var options = FitOptions()
    options.dataPath = path
    let table: DataTable
    do throws(ModelRunner.Failure) {
      table = try ModelRunner(options: options, progress: progress).loadData().table
    } catch {
      return error.outcome
    }
    let summaries = table.describe()
    switch format {
    case "json": return .success(DescribeOutput.json(summaries, path: path, rows: table.rowCount) + "\n")
    case "csv": return .success(DescribeOutput.csv(summaries) + "\n")
    case "markdown": return .success(DescribeOutput.table(summaries, path: path, rows: table.rowCount).markdown
      + DescribeOutput.levels(summaries, limit: levelLimit, markdown: true) + "\n")
    default: return .success(DescribeOutput.table(summaries, path: path, rows: table.rowCount).text
      + DescribeOutput.levels(summaries, limit: levelLimit, markdown: false) + "\n")
    }
  }
}

/// How `describe` prints column summaries.
enum DescribeOutput {
  static func number(_ v: Double?) -> String {
    guard let v else { return "" }
    return String(format: "%.6g", v)
  }

  /// One row per column: type, counts and the numeric statistics.
  static func table(_ summaries: [ColumnSummary], path: String, rows: Int) -> ReportTable {
    let body = summaries.map { s in
      ReportTable.Row.cells([
        s.name, s.typeDescription, "\(s.count)", "\(s.missingCount)", number(s.mean), number(s.standardDeviation),
        number(s.minimum), number(s.firstQuartile), number(s.median), number(s.thirdQuartile), number(s.maximum),
      ])
    }
    return ReportTable(
      caption: "\((path as NSString).lastPathComponent): \(rows) rows, \(summaries.count) columns",
      header: ["Column", "Type", "Count", "Missing", "Mean", "Std. Dev.", "Min", "25%", "50%", "75%", "Max"],
      rows: body, alignments: [.left, .left])
  }

  /// The levels of each text column, most frequent first.
  static func levels(_ summaries: [ColumnSummary], limit: Int, markdown: Bool) -> String {
    var text = ""
    for s in summaries where s.kind == .categorical && limit > 0 {
      let shown = s.levelCounts.prefix(limit).map { "\($0.level) (\($0.count))" }
      let more = s.levelCounts.count > limit ? ", … \(s.levelCounts.count - limit) more" : ""
      let name = markdown ? "**\(ReportTable.markdownText(s.name))**" : s.name
      text += "\n\(name) levels: " + shown.joined(separator: ", ") + more
    }
    return text.isEmpty ? "" : "\n" + text
  }

  static func csv(_ summaries: [ColumnSummary]) -> String {
    let header = "column,type,count,missing,mean,std,min,q25,median,q75,max,distinct,levels"
    let lines = summaries.map { s -> String in
      let numbers = [s.mean, s.standardDeviation, s.minimum, s.firstQuartile, s.median, s.thirdQuartile, s.maximum]
        .map { $0.map(CSVText.number) ?? "NA" }
      let levels = s.kind == .categorical ? "\(s.levelCounts.count)" : "NA"
      return ([s.name, s.typeDescription, "\(s.count)", "\(s.missingCount)"] + numbers + ["\(s.distinctCount)", levels])
        .map(CSVText.field).joined(separator: ",")
    }
    return ([header] + lines).joined(separator: "\n")
  }

  static func json(_ summaries: [ColumnSummary], path: String, rows: Int) -> String {
    func optional(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
    let columns = summaries.map { s -> JSONValue in
      var members: [(String, JSONValue)] = [
        ("name", .string(s.name)), ("position", .integer(s.position)), ("kind", .string(s.kind.rawValue)),
        ("type", .string(s.typeDescription)), ("count", .integer(s.count)), ("missing", .integer(s.missingCount)),
        ("distinct", .integer(s.distinctCount)),
      ]
      if s.kind == .numeric {
        members += [
          ("mean", optional(s.mean)), ("std", optional(s.standardDeviation)), ("min", optional(s.minimum)),
          ("q25", optional(s.firstQuartile)), ("median", optional(s.median)), ("q75", optional(s.thirdQuartile)),
          ("max", optional(s.maximum)), ("binary", .bool(s.isBinary)), ("integer", .bool(s.isIntegerValued)),
        ]
      } else {
        members.append(("levels", .array(s.levelCounts.map { .object([("level", .string($0.level)), ("count", .integer($0.count))]) })))
      }
      return .object(members)
    }
    return JSONValue.object([("file", .string(path)), ("rows", .integer(rows)), ("columns", .array(columns))]).render()
  }
}
