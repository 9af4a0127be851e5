import LinearAlgebra
import Tabular
import TestSupport
import Testing

@testable import Formulas

/// `prefix*` column patterns: many candidate instruments without typing them all.
@Suite("Column patterns")
struct ColumnPatternTests {
  /// y, x, m1…m4 (numeric), mg (text), other.
  static func table() throws -> DataTable {
    let n = 10
    let column = { (k: Int) in (0..<n).map { Double(($0 * (k + 3)) % 7) } }
    return try DataTable(columns: [
      ("y", .numeric(column(0))), ("x", .numeric(column(1))), ("m1", .numeric(column(2))), ("m2", .numeric(column(3))),
      ("mg", .categorical(CategoricalColumn(labels: (0..<n).map { $0 % 2 == 0 ? "a" : "b" }))),
      ("m3", .numeric(column(4))), ("other", .numeric(column(5))),
    ])
  }

  func design(_ formula: String) throws -> DesignMatrices {
    try DesignMatrices(formula: Formula(formula), data: Self.table())
  }

  @Test func expandsInColumnOrderAndSkipsNamedColumns() throws {
    let d = try design("y ~ [x ~ m*]")
    #expect(d.instrumentNames == ["m1", "m2", "mg[T.b]", "m3"])
    // A column the formula names elsewhere is not matched again.
    let e = try design("y ~ m1 + [x ~ m*]")
    #expect(e.exogenousNames == ["Intercept", "m1"])
    #expect(e.instrumentNames == ["m2", "mg[T.b]", "m3"])
    let exogenous = try design("y ~ m* + other")
    #expect(exogenous.exogenousNames == ["Intercept", "m1", "m2", "mg[T.b]", "m3", "other"])
  }

  @Test func productsAreStillProducts() throws {
    #expect(try design("y ~ m1*m2").exogenousNames == ["Intercept", "m1", "m2", "m1:m2"])
    #expect(try design("y ~ m1 * m2").exogenousNames == ["Intercept", "m1", "m2", "m1:m2"])
  }

  @Test(arguments: [
    ("y ~ [x ~ zz*]", "formula column 10: the pattern 'zz*' matches no column (other than those the formula names)"),
    ("y ~ (m*):other", "formula column 6: the pattern 'm*' must be a term on its own, not part of an interaction or power"),
    ("y ~ (m* + x)**2", "formula column 6: the pattern 'm*' must be a term on its own, not part of an interaction or power"),
    ("y ~ [x ~ y*]", "formula column 10: the pattern 'y*' matches no column (other than those the formula names)"),
  ])
  func errorsNameThePattern(formula: String, message: String) throws {
    let error = #expect(throws: FormulaError.self) { try design(formula) }
    #expect(error?.description == message)
  }
}
