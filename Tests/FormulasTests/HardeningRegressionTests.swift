import Tabular
import TestSupport
import Testing

@testable import Formulas

/// Bugs found while hardening the parsers (issue 9), one test each.
@Suite("Hardening regressions")
struct HardeningRegressionTests {
  /// `inf` is text to the CSV reader but a number to `Double(_:)`: a column of numbers
  /// with an `inf` used to become a categorical variable with one level per value.
  @Test(arguments: [("inf", "inf"), ("-inf", "-inf"), ("Infinity", "inf"), (" -Inf ", "-inf")])
  func nonFiniteWordsAreNonFiniteData(word: String, shown: String) throws {
    let data = try DataTable(csv: "y,x\n1,2\n2,\(word)\n3,5\n4,6\n5,1\n")
    for formula in ["y ~ x", "y ~ log(x)", "x ~ y"] {
      #expect(throws: FormulaError.nonFiniteData(column: "x", row: 2, line: 3, value: shown == "inf" ? .infinity : -.infinity)) {
        try DesignMatrices(formula: Formula(formula), data: data)
      }
    }
    // A genuinely categorical column that happens to contain the word is still categorical.
    let labels = try DataTable(csv: "y,x\n1,a\n2,inf\n3,b\n4,a\n5,b\n")
    #expect(try DesignMatrices(formula: Formula("y ~ x"), data: labels).exogenousNames.count == 3)
  }

  /// A closing bracket that comes too early inside a call is an unexpected token, not
  /// an unmatched bracket.
  @Test(arguments: [
    ("y ~ log()", "formula column 9: expected a number, a column or '(', found ')'"),
    ("y ~ C()", "formula column 7: expected a column name inside C(…), found ')'"),
    ("y ~ x)", "formula column 6: ')' has no matching opening bracket"),
    ("y ~ (x))", "formula column 8: ')' has no matching opening bracket"),
  ])
  func earlyClosingBrackets(formula: String, message: String) {
    #expect(throws: (any Error).self) { try Formula(formula) }
    do {
      _ = try Formula(formula)
    } catch {
      #expect(error.description == message)
    }
  }
}
