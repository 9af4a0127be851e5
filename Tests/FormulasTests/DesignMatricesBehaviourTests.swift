import LinearAlgebra
import Tabular
import TestSupport
import Testing

@testable import Formulas

@Suite("Design matrices: coding, missing rows and located errors")
struct DesignMatricesBehaviourTests {
  /// y, x, t, z (numeric), g (strings a/b/c), n (numeric codes 1/2/3), w with two missing values.
  static func makeTable() throws -> DataTable {
    let count = 12
    let x = (0..<count).map { Double($0) / 2 }
    let z = (0..<count).map { Double(($0 * 7) % 5) }
    let t = zip(x, z).map { $0 + $1 }
    let y = zip(t, x).map { 1 + 2 * $0 - $1 }
    var w = x
    w[3] = .nan
    w[8] = .nan
    let g = (0..<count).map { ["a", "b", "c"][$0 % 3] }
    return try DataTable(columns: [
      ("y", .numeric(y)), ("x", .numeric(x)), ("t", .numeric(t)), ("z", .numeric(z)),
      ("g", .categorical(CategoricalColumn(labels: g))), ("n", .numeric(g.map { $0 == "a" ? 1 : $0 == "b" ? 2 : 3 })),
      ("w", .numeric(w)),
    ])
  }

  func design(_ formula: String) throws -> DesignMatrices {
    try DesignMatrices(formula: Formula(formula), data: Self.makeTable())
  }

  @Test func categoricalInstrumentIsCodedForTheWholeModel() throws {
    // linearmodels keeps every level in the instrument block and then fails its rank check.
    let d = try design("y ~ x + [t ~ g]")
    #expect(d.exogenousNames == ["Intercept", "x"])
    #expect(d.instrumentNames == ["g[T.b]", "g[T.c]"])
    let noIntercept = try design("y ~ 0 + x + [t ~ C(n)]")
    #expect(noIntercept.instrumentNames == ["C(n)[1]", "C(n)[2]", "C(n)[3]"])
  }

  @Test func referenceLevels() throws {
    #expect(try design("y ~ C(n, Treatment(reference=2))").exogenousNames
      == ["Intercept", "C(n, Treatment(reference=2))[T.1]", "C(n, Treatment(reference=2))[T.3]"])
    #expect(try design("y ~ C(g, Treatment('c'))").exogenousNames == ["Intercept", "C(g, Treatment('c'))[T.a]", "C(g, Treatment('c'))[T.b]"])
    #expect(throws: FormulaError.unknownReferenceLevel("d", variable: "g", levels: ["a", "b", "c"], offset: 4)) {
      try design("y ~ C(g, Treatment('d'))")
    }
  }

  @Test func rowsWithMissingValuesAreDroppedAndCounted() throws {
    let d = try design("y ~ x + w")
    #expect(d.observationCount == 10)
    #expect(d.droppedRowCount == 2)
    #expect(d.rowIndices == [0, 1, 2, 4, 5, 6, 7, 9, 10, 11])
    #expect(try design("y ~ x").droppedRowCount == 0)
  }

  @Test("data-dependent errors name the problem and its place", arguments: [
    ("y ~ x + xx", FormulaError.unknownColumn("xx", suggestion: "x", offset: 8)),
    ("y ~ x + ww", .unknownColumn("ww", suggestion: "w", offset: 8)),
    ("y ~ I(g * 2)", .categoricalInArithmetic("g", offset: 6)),
    ("g ~ x", .invalidDependent("'g' is categorical; the dependent variable must be numeric", offset: 0)),
    ("y ~ x + [x ~ z]", .exogenousAndEndogenous("x", offset: 9)),
    ("y ~ x + [t ~ x]", .instrumentIsRegressor("x", role: "an exogenous regressor (exogenous regressors already instrument themselves)", offset: 13)),
    ("y ~ [t ~ t]", .instrumentIsRegressor("t", role: "an endogenous regressor; a variable cannot instrument itself", offset: 9)),
    ("y ~ x + y", .dependentOnRightHandSide("y", offset: 8)),
    ("y ~ [t + x ~ z]", .underidentified(endogenous: 2, instruments: 1, offset: 4)),
  ])
  func dataErrors(formula: String, expected: FormulaError) {
    #expect(throws: expected) { try design(formula) }
  }

  @Test func nonFiniteTransformNamesTermRowAndInput() {
    // x is 0 on the first row.
    #expect(throws: FormulaError.nonFiniteTransform(term: "np.log(x)", row: 1, line: nil, inputs: "x = 0.0 gives -inf")) {
      try design("y ~ np.log(x)")
    }
    #expect(throws: FormulaError.nonFiniteTransform(term: "I(y / x)", row: 1, line: nil, inputs: "y = 1.0, x = 0.0 gives inf")) {
      try design("y ~ I(y / x)")
    }
  }

  @Test func nonFiniteDataIsReported() throws {
    let table = try DataTable(columns: [("y", .numeric([1, 2, 3, 4])), ("x", .numeric([1, .infinity, 3, 5]))])
    #expect(throws: FormulaError.nonFiniteData(column: "x", row: 2, line: nil, value: .infinity)) {
      try DesignMatrices(formula: Formula("y ~ x"), data: table)
    }
  }

  @Test func numbersReadAsTextAreReportedNotExpandedIntoDummies() throws {
    let stray = try DataTable(columns: [
      ("y", .numeric([1, 2, 3, 4, 5, 6])), ("x", .categorical(CategoricalColumn(labels: ["2", "3", "word", "5", "2", "3"]))),
    ], sourceLines: [2, 3, 4, 5, 6, 7])
    #expect(throws: FormulaError.numbersReadAsText(column: "x", value: "word", row: 3, line: 4, mixed: true, offset: 4)) {
      try DesignMatrices(formula: Formula("y ~ x"), data: stray)
    }
    let commas = try DataTable(columns: [
      ("y", .numeric([1, 2, 3])), ("x", .categorical(CategoricalColumn(labels: ["1,234", "2,5", "3,1"]))),
    ])
    #expect(throws: FormulaError.numbersReadAsText(column: "x", value: "1,234", row: 1, line: nil, mixed: false, offset: 4)) {
      try DesignMatrices(formula: Formula("y ~ x"), data: commas)
    }
    // Asking for categories explicitly is allowed; ordinary labels are categorical as before.
    #expect(try DesignMatrices(formula: Formula("y ~ C(x)"), data: stray).exogenousNames.count == 4)
    #expect(try design("y ~ g").exogenousNames == ["Intercept", "g[T.b]", "g[T.c]"])
  }

  @Test func tooManyColumnsFailBeforeTheyAreAllocated() throws {
    let ids = (0..<50).map { "id\($0)" }
    let table = try DataTable(columns: [
      ("y", .numeric((0..<50).map(Double.init))), ("a", .categorical(CategoricalColumn(labels: ids))),
    ])
    #expect(throws: FormulaError.tooManyColumns(term: "a", columns: 50, observations: 50, offset: 4)) {
      try DesignMatrices(formula: Formula("y ~ a"), data: table)
    }
    let wide = try DataTable(columns: [("y", .numeric([1, 2, 3]))] + (1...11).map { i in
      ("c\(i)", Column.categorical(CategoricalColumn(labels: ["a", "b", "a"])))
    })
    let term = (1...11).map { "c\($0)" }.joined(separator: ":")
    #expect(throws: FormulaError.tooManyCategoricalFactors(term: term, limit: 10, offset: 4)) {
      try DesignMatrices(formula: Formula("y ~ \(term)"), data: wide)
    }
  }

  @Test func overflowingInteractionNamesTheRow() throws {
    let table = try DataTable(
      columns: [
        ("y", .numeric([1, 2, 3, 4, 5, 6, 7])), ("x", .numeric([1, 2, 3e200, 4, 5, 7, 6])),
        ("w", .numeric([.nan, 1, 1e200, 2, 1, 3, 5])),
      ],
      sourceLines: [2, 3, 4, 5, 6, 7, 8])
    #expect(throws: FormulaError.nonFiniteTransform(term: "x:w", row: 3, line: 4, inputs: "x = 3e+200, w = 1e+200 gives inf")) {
      try DesignMatrices(formula: Formula("y ~ x + w + x:w"), data: table)
    }
  }

  @Test func duplicateColumnNames() throws {
    let table = try DataTable(columns: [
      ("y", .numeric([1, 2, 3, 4])), ("a", .numeric([1, 2, 3, 5])), ("b", .numeric([2, 1, 2, 1])),
      ("a:b", .numeric([2, 2, 6, 5])),
    ])
    #expect(throws: FormulaError.self) { try DesignMatrices(formula: Formula("y ~ a:b + `a:b`"), data: table) }
  }

  @Test func longUnknownNamesGetNoSuggestionAndNoDelay() throws {
    let long = String(repeating: "b", count: 120_000)
    let table = try DataTable(columns: [("y", .numeric([1, 2, 3])), (long, .numeric([1, 2, 4]))])
    #expect(throws: FormulaError.unknownColumn(long + "c", suggestion: nil, offset: 4)) {
      try DesignMatrices(formula: Formula("y ~ \(long)c"), data: table)
    }
  }

  @Test func longArithmeticChainsAreBounded() {
    let chain = "y ~ I(" + Array(repeating: "x", count: 20_000).joined(separator: " + ") + ")"
    #expect(throws: FormulaError.self) { try Formula(chain) }
    #expect(throws: Never.self) { try Formula("y ~ I(" + Array(repeating: "x", count: 100).joined(separator: " + ") + ")") }
  }

  @Test func headerOnlyTable() throws {
    let table = try DataTable(columns: [("y", .numeric([])), ("x", .numeric([]))])
    #expect(throws: FormulaError.noRows) { try DesignMatrices(formula: Formula("y ~ x"), data: table) }
  }

  @Test func allRowsMissing() throws {
    let table = try DataTable(columns: [("y", .numeric([1, 2])), ("x", .numeric([.nan, .nan]))])
    #expect(throws: FormulaError.noCompleteRows(columns: ["y", "x"])) {
      try DesignMatrices(formula: Formula("y ~ x"), data: table)
    }
  }

  @Test func arithmeticValues() throws {
    let d = try design("y ~ 0 + I(x ** 2 - 1) + np.sqrt(z) + abs(x - 3) + I(-x ** 2)")
    #expect(d.exogenousNames == ["I(x ** 2 - 1)", "np.sqrt(z)", "abs(x - 3)", "I(-x ** 2)"])
    let x = (0..<12).map { Double($0) / 2 }
    expectClose(d.exogenous.column(0), x.map { $0 * $0 - 1 }, rtol: 1e-15)
    expectClose(d.exogenous.column(2), x.map { Swift.abs($0 - 3) }, rtol: 1e-15)
    // Python precedence: -x ** 2 is -(x ** 2).
    expectClose(d.exogenous.column(3), x.map { -($0 * $0) }, rtol: 1e-15)
  }
}
