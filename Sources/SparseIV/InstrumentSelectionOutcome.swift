public import Formulas
public import Penalized
public import Regression
public import Tabular

/// What a LASSO instrument selection found: the report, the LASSO details for plots and
/// JSON, and the post-LASSO IV model.
public struct InstrumentSelectionOutcome: Sendable {
  /// The candidates, the selections and penalties, the post-LASSO first-stage F and the
  /// sup-score set.
  public let report: InstrumentSelectionReport
  /// The model with every candidate as instrument.
  public let candidateDesign: DesignMatrices
  /// Indices of the candidates the model uses (the union of the selections).
  public let chosenColumns: [Int]
  /// The table the design came from.
  let table: DataTable?
  /// The cross-validated paths, one per endogenous regressor (cross-validation only).
  public let crossValidation: [CrossValidatedPath]
  /// The plug-in fits, one per endogenous regressor (plug-in only).
  public let plugIn: [RigorousLassoFit]

  /// The post-LASSO 2SLS model: the candidate design keeping only the chosen
  /// instruments, carrying the report into its results.
  ///
  /// - Throws: ``InstrumentSelectionError/noInstrumentSelected(report:supScoreSet:)`` when
  ///   some endogenous regressor got no instrument (its message gives the sup-score set),
  ///   ``InstrumentSelectionError/tooFewInstrumentsSelected(report:)`` when the union has
  ///   fewer instruments than endogenous regressors, ``ModelError`` for other fit problems.
  public func model() throws -> IV2SLS {
    guard !report.hasEmptySelection else {
      throw InstrumentSelectionError.noInstrumentSelected(
        report: report, supScoreSet: report.supScoreSet.map { "\($0)" })
    }
    guard !report.isUnderidentified else { throw InstrumentSelectionError.tooFewInstrumentsSelected(report: report) }
    var model = try IV2SLS(design: candidateDesign.keepingInstruments(chosenColumns), data: table)
    model.instrumentSelection = report
    return model
  }
}

extension IV2SLS {
  /// A post-LASSO 2SLS model whose instruments a LASSO selects from the candidates in the
  /// formula's bracket (`[x ~ m1 + m2 + …]` or `[x ~ m*]`).
  ///
  /// ```swift
  /// let data = try DataTable(contentsOfCSVFile: "Fixtures/data/ab_tests_iv.csv")
  /// let model = try IV2SLS(formula: "y ~ 1 + c1 + c2 + [x ~ m*]", data: data, instrumentSelection: .plugIn())
  /// model.instrumentSelection?.selected   // ["m7", "m23", "m41", "m62"]
  /// let results = try model.fit()         // β̂ = 2.0035…
  /// ```
  ///
  /// - Throws: ``FormulaError`` for formula or data problems, ``InstrumentSelectionError``
  ///   (including ``InstrumentSelectionError/noInstrumentSelected(report:supScoreSet:)``
  ///   when the candidates are too weak to select), ``ModelError``.
  public init(
    formula: String, data: DataTable, instrumentSelection: InstrumentSelection,
    controls: ControlTreatment = .partialledOut
  ) throws {
    let design = try DesignMatrices(formula: Formula(formula), data: data)
    self = try LassoInstrumentSelector(instrumentSelection, controls: controls).select(design, data: data).model()
  }
}
