import Foundation
import Formulas
import LinearAlgebra
import Regression
import SparseIV
import Tabular

/// What the fitting commands share: read the CSV, apply `--subset`, fit a formula
/// with the chosen estimator and covariance, and turn failures into messages.
struct ModelRunner {
  let options: FitOptions
  let progress: ProgressReporter?
  /// The subcommand whose usage line a bad `--subset` prints.
  let command: CommandSpecification

  /// A runner for a subcommand that only reads the data (`--subset`, `--strict`) before its
  /// own model; its usage errors print `command`'s usage line.
  init(dataPath: String, subset: String?, strict: Bool = false, progress: ProgressReporter?, command: CommandSpecification) {
    var options = FitOptions()
    options.dataPath = dataPath
    options.subset = subset
    options.strict = strict
    self.init(options: options, progress: progress, command: command)
  }

  init(options: FitOptions, progress: ProgressReporter?, command: CommandSpecification = CommandCatalog.fit) {
    self.options = options
    self.progress = progress
    self.command = command
  }

  /// A failure already worded for the user.
  struct Failure: Error {
    let outcome: IVRegCommand.Outcome
  }

  /// A data path that names a directory is a data error, said before trying to read it.
  private func requireFile(_ path: String) throws(Failure) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw Failure(outcome: .dataFailure("\(path): is a directory, not a CSV file"))
    }
  }

  /// The table the models use: the CSV, restricted by `--subset`; and the line that
  /// reports how many rows `--subset` removed (nil without `--subset`).
  func loadData() throws(Failure) -> (table: DataTable, subsetNote: String?) {
    let path = options.dataPath
    try requireFile(path)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let large = progress.map { size > $0.largeFileBytes } ?? false
    if large { progress?.begin("Reading \(path) (\(size / 1_000_000) MB)") }
    let start = Date()
    let table: DataTable
    do {
      table = try DataTable(contentsOfCSVFile: path)
    } catch {
      throw Failure(outcome: .dataFailure("\(path): \(error.description)", detail: error.sourceExcerpt(fileAtPath: path)))
    }
    if large {
      progress?.end(String(format: "%d rows in %.1f s", table.rowCount, Date().timeIntervalSince(start)))
    }
    guard let subset = options.subset else { return (table, nil) }
    return try applySubset(subset, to: table)
  }

  private func applySubset(_ subset: String, to table: DataTable) throws(Failure) -> (table: DataTable, subsetNote: String?) {
    let condition: RowCondition
    do {
      condition = try RowCondition(parsing: subset)
    } catch {
      throw Failure(outcome: .usageFailure(
        "--subset: \(error.description)", command: command, detail: error.caretDiagram(for: subset)))
    }
    let kept: DataTable
    let selection: RowSelection
    do {
      (kept, selection) = try table.subset(where: condition)
    } catch {
      throw Failure(outcome: .dataFailure("--subset: \(error.description)", detail: error.caretDiagram(for: subset)))
    }
    try enforceStrict(selection, subset: subset)
    guard kept.rowCount > 0 else {
      throw Failure(outcome: .dataFailure("--subset '\(subset)' selects no rows: \(selection)"))
    }
    return (kept, "Subset \(subset): \(selection)")
  }

  /// A LASSO instrument selection and, when something was selected, its 2SLS fit.
  struct SelectionRun {
    let outcome: InstrumentSelectionOutcome
    let results: RegressionResults?
  }

  /// Selects instruments for `formula` with the options' LASSO, then fits 2SLS with the
  /// options' covariance (no fit when some endogenous regressor got no instrument).
  func fitWithSelection(_ formula: String, data: DataTable, selection: SelectionOptions) throws(Failure) -> SelectionRun {
    let design = try designMatrices(formula, data: data)
    do {
      let covariance = try options.covariance()
      let label = "Cross-validating the LASSO (\(design.endogenousNames.joined(separator: ", ")))"
      let reporter = progress
      let outcome = try LassoInstrumentSelector(selection.instrumentSelection, controls: selection.controls)
        .select(design, data: data, progress: reporter.map { reporter in
          { @Sendable done, total in
            reporter.update("\(label): fold \(done) of \(total)" + (done == total ? "\n" : ""))
          }
        })
      guard !outcome.report.isUnderidentified else { return SelectionRun(outcome: outcome, results: nil) }
      let results = try outcome.model().fit(covariance: covariance, debiased: options.debiased)
      return SelectionRun(outcome: outcome, results: results)
    } catch let error as CommandLineError {
      throw Failure(outcome: .usageFailure(error.description, command: CommandCatalog.lasso))
    } catch {
      throw Failure(outcome: .dataFailure("\(error)"))
    }
  }

  /// `formula` parsed; one that does not parse is a usage error.
  private func parse(_ formula: String, data: DataTable) throws(Failure) -> Formula {
    try requireRows(data)
    do {
      return try Formula(formula)
    } catch {
      throw Failure(outcome: IVRegCommand.Outcome(
        status: 64, standardOutput: "",
        standardError: "Error: \(error.description)\n" + (error.caretDiagram(for: formula).map { $0 + "\n" } ?? "")))
    }
  }

  /// The design matrices of `formula`; a formula that does not parse is a usage error.
  func designMatrices(_ formula: String, data: DataTable) throws(Failure) -> DesignMatrices {
    let parsed = try parse(formula, data: data)
    let design: DesignMatrices
    do {
      design = try DesignMatrices(formula: parsed, data: data)
    } catch {
      throw Failure(outcome: .dataFailure(error.description, detail: error.caretDiagram(for: formula)))
    }
    try enforceStrict(design, data: data)
    return design
  }

  /// The absorbing design of `formula` when `--absorb` asks for it, or (`auto`) when the
  /// fit and covariance allow it and the dense design would hold more than
  /// ``absorbingThreshold`` entries; nil for the dense route.
  func absorbingDesign(_ formula: String, data: DataTable) throws(Failure) -> AbsorbingDesign? {
    guard options.absorb != "no", options.estimator == "2sls" else { return nil }
    let automatic = options.absorb == "auto"
    if automatic {
      let covariance = (try? options.covariance())?.name ?? ""
      guard ["unadjusted", "robust", "hc1", "clustered"].contains(covariance) else { return nil }
    }
    let parsed = try parse(formula, data: data)
    let absorbing: AbsorbingDesign?
    do {
      absorbing = try AbsorbingDesign(formula: parsed, data: data)
    } catch {
      throw Failure(outcome: .dataFailure(error.description, detail: error.caretDiagram(for: formula)))
    }
    guard let absorbing else {
      guard automatic else {
        throw Failure(outcome: .dataFailure("--absorb yes: the model has neither an intercept nor a categorical term to absorb"))
      }
      return nil
    }
    let dense = absorbing.design
    let columns = absorbing.absorbed.groupCount + dense.exogenous.columns + dense.instruments.columns + dense.endogenous.columns
    guard !automatic || Double(dense.observationCount) * Double(columns) > Self.absorbingThreshold else { return nil }
    try enforceStrict(dense, data: data)
    return absorbing
  }

  /// `--absorb auto` absorbs when the dense design would hold more entries than this (400 MB).
  static let absorbingThreshold = 5e7

  /// Fits `formula` by two passes over blocks of the file (`--streaming`).
  func fitStreaming(_ formula: String) throws(Failure) -> RegressionResults {
    let path = options.dataPath
    try requireFile(path)
    let model: StreamingIV2SLS
    do {
      model = try StreamingIV2SLS(formula: formula)
    } catch {
      throw Failure(outcome: IVRegCommand.Outcome(
        status: 64, standardOutput: "",
        standardError: "Error: \(error.description)\n" + (error.caretDiagram(for: formula).map { $0 + "\n" } ?? "")))
    }
    let results: RegressionResults
    do {
      let covariance = try options.covariance()
      results = try model.fit(
        blocks: { visit in
          let reader = try CSVChunkReader(path: path)
          while let block = try reader.next() { try visit(block) }
        }, covariance: covariance, debiased: options.debiased)
    } catch let error as CSVError {
      throw Failure(outcome: .dataFailure("\(path): \(error.description)", detail: error.sourceExcerpt(fileAtPath: path)))
    } catch FormulaError.noRows {
      throw Failure(outcome: .dataFailure("\(path): the file has a header but no rows"))
    } catch let error as FormulaError {
      throw Failure(outcome: .dataFailure(error.description, detail: error.caretDiagram(for: formula)))
    } catch let error as CommandLineError {
      throw Failure(outcome: .usageFailure(error.description, command: CommandCatalog.fit))
    } catch {
      throw Failure(outcome: .dataFailure("\(error)"))
    }
    if options.strict && results.rowsDropped > 0 {
      let verb = results.rowsDropped == 1 ? "has" : "have"
      throw Failure(outcome: .dataFailure(
        "--strict: \(results.rowsDropped) of the \(results.nobs + results.rowsDropped) rows \(verb) missing values in the model's columns"))
    }
    return results
  }

  /// Fits `formula` on `data` with the options' estimator and covariance.
  func fit(_ formula: String, data: DataTable) throws(Failure) -> RegressionResults {
    if let absorbing = try absorbingDesign(formula, data: data) {
      do {
        return try AbsorbingIV2SLS(design: absorbing, data: data).fit(covariance: try options.covariance(), debiased: options.debiased)
      } catch let error as CommandLineError {
        throw Failure(outcome: .usageFailure(error.description, command: CommandCatalog.fit))
      } catch {
        throw Failure(outcome: .dataFailure("\(error)"))
      }
    }
    let design = try designMatrices(formula, data: data)
    do {
      let covariance = try options.covariance()
      switch options.estimator {
      case "liml":
        return try IVLIML(design: design, data: data, fuller: options.fuller ?? 0, kappa: options.kappa)
          .fit(covariance: covariance, debiased: options.debiased)
      case "gmm":
        return try IVGMM(design: design, data: data, weightType: try options.gmmWeight())
          .fit(covariance: covariance, debiased: options.debiased, iterationLimit: options.gmmIterations)
      default:
        return try IV2SLS(design: design, data: data).fit(covariance: covariance, debiased: options.debiased)
      }
    } catch let error as FormulaError {
      throw Failure(outcome: .dataFailure(error.description, detail: error.caretDiagram(for: formula)))
    } catch let error as CommandLineError {
      throw Failure(outcome: .usageFailure(error.description, command: CommandCatalog.fit))
    } catch {
      throw Failure(outcome: .dataFailure("\(error)"))
    }
  }
}
