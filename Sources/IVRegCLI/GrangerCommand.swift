import Foundation
import LinearAlgebra
import Regression
import Reporting
import Tabular
import TimeSeries

/// `ivreg granger <data> --effect y --cause x` (one pair, every lag) and
/// `ivreg granger <data> --all` (every ordered pair: p-value matrix and rejected edges).
enum GrangerCommand {
  enum Format: String, CaseIterable { case text, markdown, json, csv }

  /// The parsed command line.
  struct Options {
    var dataPath = ""
    var effect: String?
    var cause: String?
    var given: [String] = []
    var all = false
    var columns: [String]?
    var conditional = false
    var maxLag = 1
    var test: GrangerTest = .likelihoodRatioTest
    var alpha = 0.05
    var correction: MultipleTestingCorrection = .none
    var format: Format = .text
    var subset: String?
    var addConstant = true
    var plotPath: String?
    var truthPath: String?
  }

  /// Beyond this many series the text and Markdown matrices are left out (the edges are listed).
  static let widestPrintedMatrix = 20

  static func run(_ arguments: [String], progress: ProgressReporter?) -> IVRegCommand.Outcome {
    let command = CommandCatalog.granger
    if let early = IVRegCommand.earlyExit(arguments, command: command) { return early }
    let options: Options
    do throws(CommandLineError) {
      options = try parse(arguments)
    } catch {
      return .usageFailure(error.description, command: command)
    }
    let runner = ModelRunner(dataPath: options.dataPath, subset: options.subset, progress: progress, command: command)
    do {
      let (data, subsetNote) = try runner.loadData()
      let messages = options.format == .text || options.format == .markdown ? "" : subsetNote.map { $0 + "\n" } ?? ""
      let footer = options.format == .text ? subsetNote.map { "\n" + $0 } ?? "" : ""
      if options.all {
        let columns = options.columns ?? GrangerCausality.numericColumns(of: data)
        let matrices =
          options.conditional
          ? try GrangerCausality.conditionalMatrix(
            data, columns: columns, maxLag: options.maxLag, addConstant: options.addConstant)
          : try GrangerCausality.matrix(data, columns: columns, maxLag: options.maxLag, addConstant: options.addConstant)
        let truth = try options.truthPath.map { path throws(GrangerTruth.Failure) in
          try GrangerTruth.load(path, names: matrices.first?.names ?? columns)
        }
        var messages = messages
        if let plotPath = options.plotPath {
          messages += try GrangerTruth.write(GrangerTruth.heatMap(matrices, truth: truth, options: options), to: plotPath)
        }
        return .success(
          GrangerOutput.matrices(matrices, truth: truth, options: options) + footer + "\n", messages: messages)
      }
      let effect = options.effect ?? "", cause = options.cause ?? ""
      let result =
        options.given.isEmpty
        ? try GrangerCausality.test(
          data, effect: effect, cause: cause, maxLag: options.maxLag, addConstant: options.addConstant)
        : try GrangerCausality.conditionalTest(
          data, effect: effect, cause: cause, conditioningOn: options.given, maxLag: options.maxLag,
          addConstant: options.addConstant)
      return .success(GrangerOutput.pair(result, options: options) + footer + "\n", messages: messages)
    } catch let failure as ModelRunner.Failure {
      return failure.outcome
    } catch let failure as GrangerTruth.Failure {
      return .dataFailure(failure.description)
    } catch let error as GrangerCausalityError {
      return .dataFailure(error.description)
    } catch {
      return .dataFailure("\(error)")
    }
  }

  static func parse(_ arguments: [String]) throws(CommandLineError) -> Options {
    let command = CommandCatalog.granger
    let parsed = try ParsedArguments(arguments, specification: command)
    guard let path = parsed.positional.first else { throw .missingArgument("<data>") }
    guard parsed.positional.count == 1 else { throw .unexpectedArguments(Array(parsed.positional.dropFirst())) }
    var options = Options()
    options.dataPath = path
    options.all = parsed.flags.contains("--all")
    options.conditional = parsed.flags.contains("--conditional")
    options.effect = parsed.value("--effect")
    options.cause = parsed.value("--cause")
    options.subset = parsed.value("--subset")
    options.addConstant = !parsed.flags.contains("--no-constant")
    options.plotPath = parsed.value("--plot")
    options.truthPath = parsed.value("--truth")
    if let given = parsed.value("--given") { options.given = try list(given, option: "--given <columns>") }
    if let columns = parsed.value("--columns") { options.columns = try list(columns, option: "--columns <columns>") }
    if options.all {
      if parsed.contains("--effect") || parsed.contains("--cause") {
        throw .conflictingOptions("'--all' tests every pair; it cannot be combined with '--effect' or '--cause'")
      }
      if parsed.contains("--given") {
        throw .conflictingOptions("'--given' is for one pair; with '--all' use '--conditional'")
      }
    } else {
      guard options.effect != nil || options.cause != nil else {
        throw .conflictingOptions("Give '--effect' and '--cause' for one pair, or '--all' for every pair")
      }
      guard options.effect != nil else { throw .missingValue(option: "--effect <column>") }
      guard options.cause != nil else { throw .missingValue(option: "--cause <column>") }
      for name in ["--columns", "--conditional", "--correction", "--plot", "--truth"] where parsed.contains(name) {
        throw .conflictingOptions("'\(name)' needs '--all'")
      }
    }
    if let value = parsed.value("--maxlag") {
      guard let lag = Int(value), lag >= 1 else { throw .invalidValue(value, option: "--maxlag <p>", allowed: nil) }
      options.maxLag = lag
    }
    if let value = parsed.value("--test") {
      guard let test = GrangerTest(rawValue: value.lowercased()) else {
        throw .invalidValue(value, option: "--test <test>", allowed: GrangerTest.allCases.map(\.key))
      }
      options.test = test
    }
    if let value = parsed.value("--alpha") {
      guard let alpha = Double(value), alpha > 0, alpha < 1 else {
        throw .invalidValue(value, option: "--alpha <alpha>", allowed: nil)
      }
      options.alpha = alpha
    }
    if let value = parsed.value("--correction") {
      guard let correction = MultipleTestingCorrection(rawValue: value.lowercased()) else {
        throw .invalidValue(value, option: "--correction <method>", allowed: MultipleTestingCorrection.allCases.map(\.rawValue))
      }
      options.correction = correction
    }
    if let value = parsed.value("--format") {
      guard let format = Format(rawValue: value.lowercased()) else {
        throw .invalidValue(value, option: "--format <format>", allowed: Format.allCases.map(\.rawValue))
      }
      options.format = format
    }
    return options
  }

  /// A comma-separated list of column names.
  static func list(_ value: String, option: String) throws(CommandLineError) -> [String] {
    let names = value.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0).trimmingCharacters(in: .whitespaces)
    }
    guard !names.contains(where: \.isEmpty) else { throw .invalidValue(value, option: option, allowed: nil) }
    return names
  }
}

/// How `granger` prints its results.
enum GrangerOutput {
  static func statistic(_ v: Double) -> String {
    guard v.isFinite else { return "NA" }
    return abs(v) < 1e5 ? String(format: "%.4f", v) : String(format: "%.4e", v)
  }

  static func pValue(_ v: Double) -> String {
    guard v.isFinite else { return "NA" }
    return v >= 1e-4 ? String(format: "%.4f", v) : String(format: "%.2e", v)
  }

  static func correctionName(_ c: MultipleTestingCorrection) -> String {
    switch c {
    case .none: "no correction"
    case .bonferroni: "Bonferroni"
    case .holm: "Holm"
    case .benjaminiHochberg: "Benjamini-Hochberg"
    }
  }

  // MARK: One pair

  static func pair(_ result: GrangerCausalityResult, options: GrangerCommand.Options) -> String {
    switch options.format {
    case .json: return pairJSON(result, options: options).render()
    case .csv: return pairCSV(result)
    case .markdown: return pairTable(result, options: options).markdown
    case .text: return pairTable(result, options: options).text
    }
  }

  static func question(_ result: GrangerCausalityResult) -> String {
    let given = result.conditioning.isEmpty ? "" : " given " + result.conditioning.joined(separator: ", ")
    return "Does \(result.cause) Granger-cause \(result.effect)\(given)?"
  }

  static func pairTable(_ result: GrangerCausalityResult, options: GrangerCommand.Options) -> ReportTable {
    var rows: [ReportTable.Row] = []
    for (position, lag) in result.lags.enumerated() {
      if position > 0 { rows.append(.rule) }
      for (index, test) in lag.tests.enumerated() {
        let lead = index == 0 ? ["\(lag.lag)", "\(lag.observations)"] : ["", ""]
        rows.append(.cells(lead + [test.name, statistic(test.statistic), pValue(test.pValue), test.distribution.name]))
      }
    }
    let rejected = result.lags.filter { $0[options.test].pValue < options.alpha }.map { "\($0.lag)" }
    let given = result.conditioning.isEmpty ? "" : ", the lags of " + result.conditioning.joined(separator: ", ")
    var notes = [
      "H0: \(result.cause) does not Granger-cause \(result.effect).",
      "Models: \(result.effect) on its own lags\(given) and a constant, then also on the lags of \(result.cause).",
    ]
    notes.append(
      rejected.isEmpty
        ? "\(options.test.key) does not reject H0 at alpha \(options.alpha) at any lag."
        : "\(options.test.key) rejects H0 at alpha \(options.alpha) at lag\(rejected.count == 1 ? "" : "s") \(rejected.joined(separator: ", ")).")
    for lag in result.lags where lag.isDegenerate {
      notes.append(
        "Lag \(lag.lag): the lags of \(result.cause) add nothing to the restricted model (rank-deficient design); ssr and LR statistics are 0.")
    }
    return ReportTable(
      caption: question(result), header: ["Lag", "Obs", "Test", "Statistic", "P-value", "Distribution"], rows: rows,
      alignments: [.right, .right, .left, .right, .right, .left], notes: notes)
  }

  static func pairCSV(_ result: GrangerCausalityResult) -> String {
    var lines = ["lag,observations,test,statistic,p_value,df_num,df_denom,degenerate"]
    for lag in result.lags {
      for test in lag.tests {
        let denominator = test.denominatorDegreesOfFreedom.map(String.init) ?? "NA"
        lines.append(
          "\(lag.lag),\(lag.observations),\(test.name),\(CSVText.number(test.statistic)),\(CSVText.number(test.pValue)),"
            + "\(test.degreesOfFreedom.map(String.init) ?? "NA"),\(denominator),\(lag.isDegenerate)")
      }
    }
    return lines.joined(separator: "\n")
  }

  static func pairJSON(_ result: GrangerCausalityResult, options: GrangerCommand.Options) -> JSONValue {
    let lags = result.lags.map { lag -> JSONValue in
      let tests = lag.tests.map { test -> (String, JSONValue) in
        var members: [(String, JSONValue)] = [
          ("statistic", .number(test.statistic)), ("p_value", .number(test.pValue)),
          ("df_num", test.degreesOfFreedom.map { .integer($0) } ?? .null),
        ]
        if let denominator = test.denominatorDegreesOfFreedom { members.append(("df_denom", .integer(denominator))) }
        return (test.name, .object(members))
      }
      return .object([
        ("lag", .integer(lag.lag)), ("observations", .integer(lag.observations)), ("degenerate", .bool(lag.isDegenerate)),
        ("tests", .object(tests)),
        ("restricted", fitJSON(lag.restricted)), ("unrestricted", fitJSON(lag.unrestricted)),
      ])
    }
    return .object([
      ("effect", .string(result.effect)), ("cause", .string(result.cause)),
      ("conditioning", .array(result.conditioning.map { .string($0) })),
      ("test", .string(options.test.key)), ("alpha", .number(options.alpha)),
      ("rejected_at_lags", .array(result.lags.filter { $0[options.test].pValue < options.alpha }.map { .integer($0.lag) })),
      ("lags", .array(lags)),
    ])
  }

  static func fitJSON(_ fit: LeastSquaresFit) -> JSONValue {
    .object([
      ("params", .array(fit.params.map { .number($0) })), ("std_errors", .array(fit.standardErrors.map { .number($0) })),
      ("ssr", .number(fit.ssr)), ("log_likelihood", .number(fit.logLikelihood)), ("r_squared", .number(fit.rSquared)),
      ("rank", .integer(fit.rank)), ("df_resid", .integer(fit.residualDegreesOfFreedom)),
    ])
  }

  // MARK: All pairs

  static func matrices(_ matrices: [GrangerCausalityMatrix], truth: Matrix? = nil, options: GrangerCommand.Options) -> String {
    switch options.format {
    case .json:
      var members: [(String, JSONValue)] = [
        ("test", .string(options.test.key)), ("alpha", .number(options.alpha)),
        ("correction", .string(options.correction.rawValue)), ("conditional", .bool(options.conditional)),
        ("constant", .bool(options.addConstant)),
        ("columns", .array((matrices.first?.names ?? []).map { .string($0) })),
      ]
      if let truth {
        members.append(("truth", .array((0..<truth.rows).map { i in .array(truth.row(i).map { .number($0) }) })))
      }
      members.append(("lags", .array(matrices.map { matrixJSON($0, truth: truth, options: options) })))
      return JSONValue.object(members).render()
    case .csv:
      let header = "lag,effect,cause,test,statistic,p_value,adjusted_p_value,df_num,df_denom,rejected,status"
      return ([header + (truth == nil ? "" : ",true_weight")]
        + matrices.flatMap { matrixCSV($0, truth: truth, options: options) }).joined(separator: "\n")
    case .markdown:
      return matrices.flatMap { matrixTables($0, truth: truth, options: options).map(\.markdown) }.joined(separator: "\n\n")
    case .text:
      return matrices.flatMap { matrixTables($0, truth: truth, options: options).map(\.text) }.joined(separator: "\n\n")
    }
  }

  static func familyNote(_ m: GrangerCausalityMatrix, options: GrangerCommand.Options) -> String {
    let pairs = m.count * (m.count - 1)
    let kind = options.conditional ? "conditional " : ""
    let correction = options.correction == .none ? "no correction" : "\(correctionName(options.correction)) over \(pairs) pairs"
    return "\(kind)\(options.test.key), lag \(m.lag), alpha \(options.alpha), \(correction)"
  }

  static func matrixTables(_ m: GrangerCausalityMatrix, truth: Matrix?, options: GrangerCommand.Options) -> [ReportTable] {
    let kind = options.conditional ? "Conditional Granger causality" : "Granger causality"
    let adjusted = m.adjustedPValues(options.test, correction: options.correction)
    var tables: [ReportTable] = []
    if m.count <= GrangerCommand.widestPrintedMatrix {
      let rows = (0..<m.count).map { i -> ReportTable.Row in
        .cells([m.names[i]] + (0..<m.count).map { j in i == j ? "-" : pValue(adjusted[i, j]) })
      }
      let which = options.correction == .none ? "p-values" : "\(correctionName(options.correction))-adjusted p-values"
      tables.append(ReportTable(
        caption: "\(kind) \(which) (\(options.test.key), lag \(m.lag))", header: ["effect \\ cause"] + m.names, rows: rows,
        notes: [
          "Row i, column j tests H0: column j does not Granger-cause row i (\(m.observations) observations per regression)."
        ]))
    }
    let edges = m.edges(options.test, alpha: options.alpha, correction: options.correction)
    var notes = ["\(edges.count) of \(m.count * (m.count - 1)) ordered pairs rejected (\(familyNote(m, options: options)))."]
    if m.count > GrangerCommand.widestPrintedMatrix {
      notes.append("The \(m.count)×\(m.count) matrix is not printed; use --format csv or json for every pair.")
    }
    var infeasible: [String] = []
    for i in 0..<m.count {
      for j in 0..<m.count {
        if case .infeasible(let reason) = m.status(effect: i, cause: j) { infeasible.append("\(m.names[j]) -> \(m.names[i]): \(reason)") }
      }
    }
    if !infeasible.isEmpty { notes.append("Not tested: " + infeasible.prefix(5).joined(separator: "; ") + (infeasible.count > 5 ? "; …" : "")) }
    if let truth { notes.append(GrangerTruth.summary(m, truth: truth, options: options)) }
    let rows = edges.map { e in
      ReportTable.Row.cells([e.cause, e.effect, statistic(e.statistic), pValue(e.pValue), pValue(e.adjustedPValue)])
    }
    tables.append(ReportTable(
      caption: "Rejected: cause -> effect", header: ["Cause", "Effect", "Statistic", "P-value", "Adjusted"], rows: rows,
      alignments: [.left, .left], notes: notes))
    return tables
  }

  static func matrixCSV(_ m: GrangerCausalityMatrix, truth: Matrix?, options: GrangerCommand.Options) -> [String] {
    let adjusted = m.adjustedPValues(options.test, correction: options.correction)
    let position = GrangerTest.allCases.firstIndex(of: options.test) ?? 0
    var lines: [String] = []
    for i in 0..<m.count {
      for j in 0..<m.count {
        let test = m.tests(effect: i, cause: j)[position]
        let status: String
        switch m.status(effect: i, cause: j) {
        case .tested: status = "tested"
        case .degenerate: status = "degenerate"
        case .infeasible: status = "infeasible"
        }
        let rejected = i != j && adjusted[i, j] < options.alpha
        lines.append(
          ["\(m.lag)", CSVText.field(m.names[i]), CSVText.field(m.names[j]), options.test.key, CSVText.number(test.statistic),
           CSVText.number(test.pValue), CSVText.number(adjusted[i, j]), test.degreesOfFreedom.map(String.init) ?? "NA",
           test.denominatorDegreesOfFreedom.map(String.init) ?? "NA", "\(rejected)", status].joined(separator: ",")
            + (truth.map { "," + CSVText.number($0[i, j]) } ?? ""))
      }
    }
    return lines
  }

  static func matrixJSON(_ m: GrangerCausalityMatrix, truth: Matrix?, options: GrangerCommand.Options) -> JSONValue {
    func rows(_ matrix: Matrix) -> JSONValue {
      .array((0..<matrix.rows).map { i in .array(matrix.row(i).map { .number($0) }) })
    }
    let edges = m.edges(options.test, alpha: options.alpha, correction: options.correction).map { e -> JSONValue in
      .object([
        ("cause", .string(e.cause)), ("effect", .string(e.effect)), ("statistic", .number(e.statistic)),
        ("p_value", .number(e.pValue)), ("adjusted_p_value", .number(e.adjustedPValue)),
      ])
    }
    var infeasible: [JSONValue] = []
    for i in 0..<m.count {
      for j in 0..<m.count {
        if case .infeasible(let reason) = m.status(effect: i, cause: j) {
          infeasible.append(.object([("effect", .string(m.names[i])), ("cause", .string(m.names[j])), ("reason", .string(reason))]))
        }
      }
    }
    var members: [(String, JSONValue)] = [
      ("lag", .integer(m.lag)), ("observations", .integer(m.observations)),
      ("statistic", rows(m.statistics(options.test))), ("p_value", rows(m.pValues(options.test))),
      ("adjusted_p_value", rows(m.adjustedPValues(options.test, correction: options.correction))),
      ("edges", .array(edges)), ("infeasible", .array(infeasible)),
    ]
    if let truth {
      let rejected = m.rejections(options.test, alpha: options.alpha, correction: options.correction)
      members.append(("truth_correlation", .number(GrangerTruth.correlation(truth: truth, rejected: rejected))))
    }
    return .object(members)
  }
}
