public import LinearAlgebra
public import Tabular

/// The numeric inputs of a linear (IV) model: the dependent variable,
/// exogenous regressors, endogenous regressors and excluded instruments.
///
/// Built from a formula and a data table (restricted to the rows with no
/// missing value in any column the model uses), or directly from arrays.
///
/// ```swift
/// let data = try DataTable(contentsOfCSVFile: "Fixtures/data/app_engagement_push.csv")
/// let design = try DesignMatrices(formula: Formula("in_app_purchase ~ [push_delivered ~ push_assigned]"), data: data)
/// design.exogenousNames    // ["Intercept"]
/// design.endogenousNames   // ["push_delivered"]
/// design.instrumentNames   // ["push_assigned"]
/// ```
///
/// Column names follow formulaic: `Intercept`, `x1:x2`, `C(g)[T.2]`,
/// `s[T.b]`, `x1:s[a]`, `np.log(x)`, `I(x ** 2)`. Categorical factors get
/// treatment coding against their first level (sorted; numeric order for numeric
/// codes) wherever a lower-order term already spans the dropped level, and a
/// column per level otherwise; that choice is made for the model as a whole, so
/// a categorical instrument next to an intercept keeps full rank.
///
/// - Complexity: O(*n*·*k*) time and memory for *n* rows and *k* columns.
public struct DesignMatrices: Sendable {
  /// The formula these matrices come from (`nil` when built from arrays).
  public let formula: Formula?
  /// The dependent variable's name.
  public let dependentName: String
  /// The dependent variable, one value per used row.
  public let dependent: [Double]
  /// Exogenous regressors (including the intercept column when present).
  public let exogenous: Matrix
  /// Names of the exogenous columns.
  public let exogenousNames: [String]
  /// Endogenous regressors (no columns for a model without an IV block).
  public let endogenous: Matrix
  /// Names of the endogenous columns.
  public let endogenousNames: [String]
  /// Excluded instruments.
  public let instruments: Matrix
  /// Names of the excluded instruments.
  public let instrumentNames: [String]
  /// The table rows (zero-based) the model uses, in order.
  public let rowIndices: [Int]
  /// How many rows were dropped because a used column was missing there.
  public let droppedRowCount: Int
  /// The data columns the model reads.
  public let usedColumns: [String]

  /// The number of rows used.
  public var observationCount: Int { dependent.count }
  /// Whether there are endogenous regressors (an IV model rather than OLS).
  public var isInstrumental: Bool { endogenous.columns > 0 }
  /// Whether there is an intercept column.
  public var hasIntercept: Bool { exogenousNames.contains("Intercept") }

  /// Builds the matrices.
  ///
  /// - Throws: ``FormulaError`` for unknown columns (with a suggestion), a
  ///   categorical column used in arithmetic, a variable that is both exogenous
  ///   and endogenous, an instrument that is also a regressor, the dependent
  ///   variable on the right, an under-identified model, an unknown reference
  ///   level, non-finite data, a transform that is not finite (naming the term,
  ///   row and inputs), or no complete rows.
  public init(formula: Formula, data: DataTable) throws(FormulaError) {
    var nothing: AbsorbedColumns?
    try self.init(formula: formula, data: data, absorbing: &nothing)
  }

  /// Builds the matrices; with `absorbing` non-nil the intercept and the first categorical
  /// main effect among the exogenous terms are recorded there instead of becoming columns.
  init(formula: Formula, data: DataTable, absorbing: inout AbsorbedColumns?) throws(FormulaError) {
    let parsed = try formula.parsed.expandingPatterns(in: data)
    var resolver = FactorResolver(data: data)
    let dependent = try resolver.resolveDependent(parsed.dependent, offset: parsed.dependentOffset)
    let exogenousTerms = try parsed.exogenous.sortedByDegree.map { term throws(FormulaError) in
      try resolver.resolve(term)
    }
    let endogenousTerms = try parsed.endogenous.sortedByDegree.map { term throws(FormulaError) in
      try resolver.resolve(term)
    }
    let instrumentTerms = try parsed.instruments.sortedByDegree.map { term throws(FormulaError) in
      try resolver.resolve(term)
    }
    try Self.checkRoles(
      dependent: parsed.dependentName, offset: parsed.dependentOffset, exogenous: exogenousTerms,
      endogenous: endogenousTerms, instruments: instrumentTerms)

    // Rows with a missing value in any used column are dropped.
    let used = resolver.usedColumns
    // Column by column (tight loops over each column's storage), then the rows left.
    var missing = [Bool](repeating: false, count: data.rowCount)
    for column in used.compactMap({ data[$0] }) {
      switch column {
      case .numeric(let values):
        for (row, value) in values.enumerated() where value.isNaN { missing[row] = true }
      case .categorical(let labels):
        for (row, code) in labels.codes.enumerated() where code < 0 { missing[row] = true }
      }
    }
    var keep: [Int] = []
    keep.reserveCapacity(data.rowCount)
    for row in 0..<data.rowCount where !missing[row] { keep.append(row) }
    guard data.rowCount > 0 else { throw .noRows }
    guard !keep.isEmpty else { throw .noCompleteRows(columns: used) }
    let frame = RowFrame(data: data, rows: keep)
    for name in used {
      // NaN rows were dropped: a value left that is not finite is an infinity.
      if case .numeric(let values)? = data[name], values.contains(where: { $0.isInfinite }) {
        for (i, row) in keep.enumerated() where !values[row].isFinite {
          throw .nonFiniteData(column: name, row: row + 1, line: frame.line(ofUsedRow: i), value: values[row])
        }
      }
    }

    self.formula = formula
    self.dependentName = parsed.dependentName
    self.dependent = try frame.evaluate(dependent, name: parsed.dependentName)
    var encoder = TermEncoder()
    let (exogenous, allExogenousNames) = try frame.columns(for: exogenousTerms, encoder: &encoder, absorbing: &absorbing)
    var exogenousNames = allExogenousNames
    if var record = absorbing {
      // The names of every parameter go to the record; the design keeps its columns' names.
      record.names = exogenousNames
      exogenousNames = zip(exogenousNames, record.slots).compactMap { $1 == .dense ? $0 : nil }
      absorbing = record
    }
    var endogenousEncoder = encoder
    let (endogenous, endogenousNames) = try frame.columns(for: endogenousTerms, encoder: &endogenousEncoder)
    var instrumentEncoder = encoder
    // Instruments may outnumber the rows (candidates for a LASSO selection); a plain
    // 2SLS fit then reports that it has too few observations.
    let (instruments, instrumentNames) = try frame.columns(for: instrumentTerms, encoder: &instrumentEncoder, wide: true)
    var seen: Set<String> = []
    for name in exogenousNames + endogenousNames + instrumentNames where !seen.insert(name).inserted {
      let term = (exogenousTerms + endogenousTerms + instrumentTerms).last { name.hasPrefix($0.name) }
      throw .duplicateColumnName(name, offset: term?.offset ?? 0)
    }
    if instruments.columns < endogenous.columns {
      throw .underidentified(
        endogenous: endogenous.columns, instruments: instruments.columns, offset: parsed.ivBlockOffset ?? 0)
    }
    self.exogenous = exogenous
    self.exogenousNames = exogenousNames
    self.endogenous = endogenous
    self.endogenousNames = endogenousNames
    self.instruments = instruments
    self.instrumentNames = instrumentNames
    self.rowIndices = keep
    self.droppedRowCount = data.rowCount - keep.count
    self.usedColumns = used
  }

  /// Model inputs from arrays; `exogenous` should include an intercept column if one is wanted.
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
    func checked(_ m: Matrix?, _ names: [String], _ role: String) -> Matrix {
      guard let m, m.columns > 0 else {
        precondition(names.isEmpty, "One name per \(role) column.")
        return Matrix(rows: n, columns: 0)
      }
      precondition(m.rows == n, "The \(role) matrix must have one row per observation.")
      precondition(names.count == m.columns, "One name per \(role) column.")
      return m
    }
    self.formula = nil
    self.dependentName = dependentName
    self.dependent = dependent
    self.exogenous = checked(exogenous, exogenousNames, "exogenous")
    self.exogenousNames = exogenousNames
    self.endogenous = checked(endogenous, endogenousNames, "endogenous")
    self.endogenousNames = endogenousNames
    self.instruments = checked(instruments, instrumentNames, "instrument")
    self.instrumentNames = instrumentNames
    self.rowIndices = Array(0..<n)
    self.droppedRowCount = droppedRowCount
    self.usedColumns = []
  }

  /// `[exogenous, endogenous]`: the regressors, in parameter order.
  public var regressors: Matrix { exogenous.appendingColumns(of: endogenous) }
  /// Names of ``regressors``.
  public var regressorNames: [String] { exogenousNames + endogenousNames }
  /// `[exogenous, instruments]`: every instrument including the included exogenous ones.
  public var allInstruments: Matrix { exogenous.appendingColumns(of: instruments) }
  /// Names of ``allInstruments``.
  public var allInstrumentNames: [String] { exogenousNames + instrumentNames }

  private static func checkRoles(
    dependent dependentName: String, offset: Int, exogenous: [ResolvedTerm], endogenous: [ResolvedTerm],
    instruments: [ResolvedTerm]
  ) throws(FormulaError) {
    for term in exogenous + endogenous + instruments
    where term.factors.count == 1 && term.factors[0].name == dependentName {
      throw .dependentOnRightHandSide(dependentName, offset: term.offset)
    }
    let exogenousKeys = Set(exogenous.map(\.key))
    let endogenousKeys = Set(endogenous.map(\.key))
    for term in endogenous where exogenousKeys.contains(term.key) {
      throw .exogenousAndEndogenous(term.name, offset: term.offset)
    }
    for term in instruments {
      if exogenousKeys.contains(term.key) {
        throw .instrumentIsRegressor(term.name, role: "an exogenous regressor (exogenous regressors already instrument themselves)", offset: term.offset)
      }
      if endogenousKeys.contains(term.key) {
        throw .instrumentIsRegressor(term.name, role: "an endogenous regressor; a variable cannot instrument itself", offset: term.offset)
      }
    }
  }
}
