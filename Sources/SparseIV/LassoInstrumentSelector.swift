import Foundation
public import Formulas
import LinearAlgebra
import Penalized
import Regression
public import Tabular

/// Chooses the excluded instruments of an IV model from candidates with a LASSO of each
/// endogenous regressor on them (`lasso-iv.md` §6), and builds the post-LASSO 2SLS.
///
/// For each endogenous regressor: partial the controls out of it and of the candidates
/// (or keep them unpenalised), run the LASSO (cross-validated or plug-in), and keep the
/// candidates with a non-zero coefficient. The model then uses the union of the
/// selections, in candidate order, as ordinary 2SLS instruments, so every covariance
/// option applies. When some regressor gets nothing, ``InstrumentSelectionOutcome/model()``
/// throws ``InstrumentSelectionError/noInstrumentSelected(report:supScoreSet:)`` with the
/// sup-score confidence set, never a silent OLS.
///
/// ```swift
/// let design = try DesignMatrices(formula: Formula("y ~ 1 + c1 + c2 + [x ~ m*]"), data: data)
/// let outcome = try LassoInstrumentSelector(.plugIn()).select(design, data: data)
/// outcome.report.selected        // ["m7", "m23", "m41", "m62"]
/// let results = try outcome.model().fit()
/// ```
public struct LassoInstrumentSelector: Sendable {
  /// The LASSO and how its penalty is chosen.
  public var method: InstrumentSelection
  /// How the controls enter (default: partialled out).
  public var controls: ControlTreatment

  /// A selector.
  public init(_ method: InstrumentSelection, controls: ControlTreatment = .partialledOut) {
    self.method = method
    self.controls = controls
  }

  /// Selects instruments for the IV model `design`, whose instruments are the candidates.
  ///
  /// - Parameters:
  ///   - data: the table the design was built from (needed for a fold column and for
  ///     clustered covariances of the model).
  ///   - progress: called after each cross-validation fold with (folds done, folds).
  /// - Throws: ``InstrumentSelectionError`` for a design without candidates, unusable
  ///   folds or LASSO failures.
  public func select(
    _ design: DesignMatrices, data: DataTable? = nil,
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) throws -> InstrumentSelectionOutcome {
    guard design.endogenous.columns >= 1, design.instruments.columns >= 1 else {
      throw InstrumentSelectionError.notAnIVModel
    }
    var selections: [InstrumentSelectionReport.Selection] = []
    var paths: [CrossValidatedPath] = []
    var plugInFits: [RigorousLassoFit] = []
    let methodName: String
    let controlsUsed: ControlTreatment
    var partialled: SelectionData?
    switch method {
    case .plugIn(var options):
      methodName = "plug-in LASSO (Belloni, Chen, Chernozhukov & Hansen 2012)"
      controlsUsed = .partialledOut
      let input = try SelectionData(design: design, partialOut: true)
      partialled = input
      options.fitIntercept = input.hasConstant
      for (j, response) in input.responses.enumerated() {
        let fit: RigorousLassoFit
        do { fit = try RigorousLasso(options: options).fit(input.x, response) } catch {
          throw InstrumentSelectionError.lasso("plug-in LASSO of \(design.endogenousNames[j]): \(error)")
        }
        plugInFits.append(fit)
        selections.append(
          .init(
            endogenous: design.endogenousNames[j],
            selected: fit.selectedColumns.map { design.instrumentNames[$0] }, lambda: fit.lambda0,
            penaltyRule: "plug-in, c = \(Self.short(fit.c)), gamma = \(Self.short(fit.gamma)), \(Self.loadingsName(options.loadings)) loadings"))
      }
    case .lassoCV(let settings):
      methodName = "cross-validated LASSO (glmnet)"
      controlsUsed = controls
      let input = try SelectionData(design: design, partialOut: controls == .partialledOut)
      if controls == .partialledOut { partialled = input }
      let folds = try Self.foldIDs(settings.folds, design: design, data: data)
      for (j, response) in input.responses.enumerated() {
        let path = try crossValidate(input: input, response: response, settings: settings, folds: folds,
                                     name: design.endogenousNames[j], progress: progress)
        paths.append(path.path)
        selections.append(
          .init(
            endogenous: design.endogenousNames[j], selected: path.selected.map { design.instrumentNames[$0] },
            lambda: path.lambda, penaltyRule: path.rule))
      }
    }
    let union = Set(selections.flatMap(\.selected))
    let chosen = design.instrumentNames.indices.filter { union.contains(design.instrumentNames[$0]) }
    if var firstStage = PostLassoFirstStage(design: design, selected: chosen) {
      for j in selections.indices where !selections[j].selected.isEmpty {
        selections[j].firstStageF = firstStage.fStatistic(endogenous: j)
        selections[j].robustFirstStageF = firstStage.robustWaldOverK(endogenous: j)
      }
    }
    var report = InstrumentSelectionReport(
      method: methodName, candidates: design.instrumentNames, controls: controlsUsed.rawValue, selections: selections)
    if design.endogenous.columns == 1 { report.supScoreSet = try Self.supScoreSet(design, partialled: partialled) }
    return InstrumentSelectionOutcome(
      report: report, candidateDesign: design, chosenColumns: chosen, table: data,
      crossValidation: paths, plugIn: plugInFits)
  }

  /// The sup-score 95% set with every usable candidate as instrument: y, x and the
  /// candidates partialled on the controls, candidates the controls span left out (they
  /// carry no information and would only raise the critical value).
  /// `partialled` is the selection's own partialled data, when it has it.
  static func supScoreSet(_ design: DesignMatrices, partialled: SelectionData?) throws -> AndersonRubinSet.Region? {
    let input = try partialled ?? SelectionData(design: design, partialOut: true)
    let usable = input.usableCandidates
    guard !usable.isEmpty, let d = input.responses.first else { return nil }
    let y = input.controlsQR?.residuals(design.dependent) ?? design.dependent
    return (try? SupScoreTest(y: y, d: d, z: input.x.selectingColumns(usable)))?.confidenceSet
  }

  /// Fold ids, one per observation of the design.
  static func foldIDs(_ folds: FoldAssignment, design: DesignMatrices, data: DataTable?) throws -> FoldIDs {
    let n = design.observationCount
    switch folds {
    case .random(let k, let seed):
      guard k >= 3, k <= n else {
        throw InstrumentSelectionError.invalidFolds("\(k) folds for \(n) observations; use between 3 and \(n)")
      }
      return .random(folds: k, seed: seed)
    case .ids(let ids):
      guard ids.count == n else {
        throw InstrumentSelectionError.invalidFolds("\(ids.count) fold ids for \(n) observations")
      }
      return try checked(ids, source: "the fold ids")
    case .column(let name):
      guard let table = data, let column = table[name] else {
        let suggestion = data.flatMap { closestMatch(to: name, among: $0.columnNames) }.map { " (did you mean '\($0)'?)" } ?? ""
        throw InstrumentSelectionError.invalidFolds("no column named '\(name)'\(suggestion)")
      }
      var ids: [Int] = []
      ids.reserveCapacity(n)
      for row in design.rowIndices {
        switch column {
        case .numeric(let values):
          let v = values[row]
          guard v.isFinite, v == v.rounded(), abs(v) < 1e15 else {
            throw InstrumentSelectionError.invalidFolds(
              "column '\(name)' has \(v.isNaN ? "a missing value" : "the non-integer value \(v)") in data row \(row + 1)")
          }
          ids.append(Int(v))
        case .categorical(let labels):
          let code = labels.codes[row]
          guard code >= 0 else {
            throw InstrumentSelectionError.invalidFolds("column '\(name)' has a missing value in data row \(row + 1)")
          }
          ids.append(Int(code))
        }
      }
      return try checked(ids, source: "column '\(name)'")
    }
  }

  static func checked(_ ids: [Int], source: String) throws -> FoldIDs {
    let distinct = Set(ids).count
    guard distinct >= 3 else {
      throw InstrumentSelectionError.invalidFolds("\(source) define \(distinct) fold\(distinct == 1 ? "" : "s"); cross-validation needs at least 3 (as cv.glmnet)")
    }
    return .explicit(ids)
  }

  static func loadingsName(_ loadings: RigorousLassoOptions.Loadings) -> String {
    loadings == .heteroskedastic ? "heteroskedastic" : "homoskedastic"
  }

  static func short(_ x: Double) -> String {
    let text = String(format: "%.4g", x)
    return text
  }
}

/// Resolved folds.
enum FoldIDs {
  case random(folds: Int, seed: UInt64)
  case explicit([Int])
}
