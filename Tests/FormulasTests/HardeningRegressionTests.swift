import Foundation
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

  /// Found by FuzzFormula (a timeout): a long chain of `*` over a few factors re-expanded
  /// thousands of terms per factor; a 1 KB formula parsed for minutes. The work is
  /// bounded now, and ordinary large interactions still parse.
  @Test(.timeLimit(.minutes(1))) func longInteractionChainsAreRefusedQuickly() throws {
    let chain = "y ~ " + ((0..<13).map { "v\($0)" } + Array(repeating: "v1", count: 1_300)).joined(separator: "*")
    let start = Date()
    #expect(throws: FormulaError.tooComplex(limit: Parser.maximumInteractionWork, offset: 60)) { try Formula(chain) }
    #expect(Date().timeIntervalSince(start) < 10)
    // The fuzzer's input itself: more than 10,000 terms.
    let found = " y~x0*n* weRa15*x2*v* v2*v* vyx0*x2*v0*x2*v* vx2* yxyx0*x* vx1* yxyx0*x2*w* v* yx5"
    #expect(throws: FormulaError.tooManyTerms(limit: Parser.maximumTerms, offset: 77)) { try Formula(found) }
    // 100 variables squared (5,050 terms) and a 30-variable cube still parse.
    let hundred = (0..<100).map { "a\($0)" }.joined(separator: " + ")
    #expect(try Formula("y ~ (\(hundred))**2").exogenousTerms.count == 5_051)
    let thirty = (0..<30).map { "b\($0)" }.joined(separator: " + ")
    #expect(try Formula("y ~ (\(thirty))**3").exogenousTerms.count == 1 + 30 + 435 + 4_060)
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
