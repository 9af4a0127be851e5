public import Formulas
public import LinearAlgebra

/// The numeric inputs of a linear (IV) model: what a formula becomes, or what a
/// caller supplies directly.
public struct ModelData: Sendable {
  /// The dependent variable's name.
  public let dependentName: String
  /// The dependent variable.
  public let dependent: [Double]
  /// Exogenous regressors (they instrument themselves).
  public let exogenous: Matrix
  /// Names of the exogenous columns.
  public let exogenousNames: [String]
  /// Endogenous regressors.
  public let endogenous: Matrix
  /// Names of the endogenous columns.
  public let endogenousNames: [String]
  /// Excluded instruments.
  public let instruments: Matrix
  /// Names of the excluded instruments.
  public let instrumentNames: [String]
  /// Rows dropped before estimation because of missing values.
  public let droppedRowCount: Int

  /// Creates model data from arrays; `exogenous` should include an intercept column if wanted.
  ///
  /// - Precondition: every matrix has `dependent.count` rows (or no columns) and
  ///   each name list matches its matrix's column count.
  public init(
    dependentName: String = "dependent", dependent: [Double],
    exogenous: Matrix, exogenousNames: [String],
    endogenous: Matrix? = nil, endogenousNames: [String] = [],
    instruments: Matrix? = nil, instrumentNames: [String] = [],
    droppedRowCount: Int = 0
  ) {
    let n = dependent.count
    let endogenous = endogenous ?? Matrix(rows: n, columns: 0)
    let instruments = instruments ?? Matrix(rows: n, columns: 0)
    precondition(exogenous.rows == n || exogenous.columns == 0, "Exogenous rows must match the dependent variable.")
    precondition(endogenous.rows == n || endogenous.columns == 0, "Endogenous rows must match the dependent variable.")
    precondition(instruments.rows == n || instruments.columns == 0, "Instrument rows must match the dependent variable.")
    precondition(exogenousNames.count == exogenous.columns, "One name per exogenous column.")
    precondition(endogenousNames.count == endogenous.columns, "One name per endogenous column.")
    precondition(instrumentNames.count == instruments.columns, "One name per instrument column.")
    self.dependentName = dependentName
    self.dependent = dependent
    self.exogenous = exogenous.columns == 0 ? Matrix(rows: n, columns: 0) : exogenous
    self.exogenousNames = exogenousNames
    self.endogenous = endogenous.columns == 0 ? Matrix(rows: n, columns: 0) : endogenous
    self.endogenousNames = endogenousNames
    self.instruments = instruments.columns == 0 ? Matrix(rows: n, columns: 0) : instruments
    self.instrumentNames = instrumentNames
    self.droppedRowCount = droppedRowCount
  }

  /// The model data of a formula's design matrices.
  public init(design: DesignMatrices) {
    self.init(
      dependentName: design.dependentName, dependent: design.dependent,
      exogenous: design.exogenous, exogenousNames: design.exogenousNames,
      endogenous: design.endogenous, endogenousNames: design.endogenousNames,
      instruments: design.instruments, instrumentNames: design.instrumentNames,
      droppedRowCount: design.droppedRowCount)
  }

  /// The number of observations.
  public var observationCount: Int { dependent.count }
  /// Whether there are endogenous regressors (an IV model rather than OLS).
  public var isInstrumental: Bool { endogenous.columns > 0 }
  /// `[exogenous, endogenous]`.
  var regressors: Matrix { exogenous.appendingColumns(of: endogenous) }
  var regressorNames: [String] { exogenousNames + endogenousNames }
  /// `[exogenous, instruments]`.
  var allInstruments: Matrix { exogenous.appendingColumns(of: instruments) }
  var allInstrumentNames: [String] { exogenousNames + instrumentNames }
}
