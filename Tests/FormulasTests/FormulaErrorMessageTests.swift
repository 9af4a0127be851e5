import LinearAlgebra
import Tabular
import Testing

@testable import Formulas

/// The message (and caret) of every formula error the foundation issue lists.
@Suite("Formula error messages")
struct FormulaErrorMessageTests {
  static let table: DataTable? = try? DataTable(columns: [
    ("y", .numeric([1, 2, 3, 4])), ("x1", .numeric([1, 0, 2, 5])), ("x2", .numeric([0, 1, 1, 3])),
    ("t", .numeric([2, 1, 4, 3])), ("z", .numeric([1, 1, 0, 0])), ("pos", .numeric([0, 1, 2, 3])),
  ])

  func message(_ formula: String) -> String {
    do {
      let table = try #require(Self.table)
      _ = try DesignMatrices(formula: Formula(formula), data: table)
      return "no error"
    } catch let error as FormulaError {
      return ([error.description] + (error.caretDiagram(for: formula).map { [$0] } ?? [])).joined(separator: "\n")
    } catch {
      return "unexpected \(error)"
    }
  }

  @Test("messages", arguments: [
    ("y ~ x1 + x3", "formula column 10: unknown column 'x3' (did you mean 'x1'?)\n  y ~ x1 + x3\n           ^"),
    ("y ~ (x1 + x2", "formula column 5: '(' is never closed\n  y ~ (x1 + x2\n      ^"),
    ("y ~ x1 + [t ~ z", "formula column 10: '[' is never closed\n  y ~ x1 + [t ~ z\n           ^"),
    ("y ~ x1 + x2]", "formula column 12: ']' has no matching opening bracket\n  y ~ x1 + x2]\n             ^"),
    ("y ~ x1 + [ ~ z]", "formula column 12: the IV block has no endogenous variables before '~'\n  y ~ x1 + [ ~ z]\n             ^"),
    ("y ~ x1 + [t ~ x1]", "formula column 15: instrument 'x1' is also an exogenous regressor (exogenous regressors already instrument themselves)\n  y ~ x1 + [t ~ x1]\n                ^"),
    ("y ~ x1 + [x1 ~ z]", "formula column 11: 'x1' is listed both as exogenous and as endogenous\n  y ~ x1 + [x1 ~ z]\n            ^"),
    ("y ~ [t + x1 ~ z]", "formula column 5: under-identified: 2 endogenous columns but only 1 instrument column\n  y ~ [t + x1 ~ z]\n      ^"),
    ("y ~ [t ~ t]", "formula column 10: instrument 't' is also an endogenous regressor; a variable cannot instrument itself\n  y ~ [t ~ t]\n           ^"),
    ("y ~ x1 + y", "formula column 10: the dependent variable 'y' also appears on the right-hand side\n  y ~ x1 + y\n           ^"),
    ("y ~ np.log(pos)", "term 'np.log(pos)' is not finite on row 1 (pos = 0.0 gives -inf)"),
    ("y ~ logg(x1)", "formula column 5: unknown function 'logg' (did you mean 'log'?); known: C, I, log, log1p, exp, sqrt, abs (np. prefixes accepted)\n  y ~ logg(x1)\n      ^"),
    ("y x1", "formula column 5: the formula has no '~' separating the dependent variable from the regressors\n  y x1\n      ^"),
  ])
  func errorMessage(formula: String, expected: String) {
    #expect(message(formula) == expected)
  }
}
