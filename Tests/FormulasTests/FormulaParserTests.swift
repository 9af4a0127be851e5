import Tabular
import Testing

@testable import Formulas

@Suite("Formula parsing")
struct FormulaParserTests {
  @Test func interceptIsImplicitInOLSAndIVFormulas() throws {
    #expect(try Formula("y ~ x").hasIntercept)
    #expect(try Formula("y ~ [t ~ z]").hasIntercept)
    #expect(try Formula("y ~ x + [t ~ z]").exogenousTerms == ["1", "x"])
    #expect(try !Formula("y ~ 0 + x").hasIntercept)
    #expect(try !Formula("y ~ x - 1").hasIntercept)
    #expect(try !Formula("y ~ -1 + x").hasIntercept)
    #expect(try !Formula("y ~ 0 + [t ~ z]").hasIntercept)
    #expect(try Formula("y ~ 0 + 1 + x").hasIntercept)
  }

  @Test func ivBlockAnywhereOnTheRight() throws {
    let f = try Formula("y ~ [t1 + t2 ~ z1 + z2 + z3] + x")
    #expect(f.hasInstruments)
    #expect(f.exogenousTerms == ["1", "x"])
    #expect(f.endogenousTerms == ["t1", "t2"])
    #expect(f.instrumentTerms == ["z1", "z2", "z3"])
  }

  @Test func interactionsExpand() throws {
    #expect(try Formula("y ~ a*b").exogenousTerms == ["1", "a", "b", "a:b"])
    #expect(try Formula("y ~ (a + b):c").exogenousTerms == ["1", "a:c", "b:c"])
    #expect(try Formula("y ~ (a + b)**2").exogenousTerms == ["1", "a", "b", "a:b"])
    #expect(try Formula("y ~ a/b").exogenousTerms == ["1", "a", "a:b"])
    #expect(try Formula("y ~ a*b - a:b").exogenousTerms == ["1", "a", "b"])
    #expect(try Formula("y ~ a + a + b:a + a:b").exogenousTerms == ["1", "a", "b:a"])
  }

  @Test func functionNamesPrintLikeFormulaic() throws {
    #expect(try Formula("y ~ I(x**2) + np.log(z) + log1p(w) + I((a + b) * c) + I(-a ** 2)").exogenousTerms
      == ["1", "I(x ** 2)", "np.log(z)", "log1p(w)", "I((a + b) * c)", "I(-a ** 2)"])
    #expect(try Formula("np.log(y) ~ x").dependentName == "np.log(y)")
    #expect(try Formula("I(y / 100) ~ x").dependentName == "I(y / 100)")
    #expect(try Formula("{y / 100} ~ x").dependentName == "y / 100")
    #expect(try Formula("y ~ C(g, Treatment(reference='b'))").exogenousTerms == ["1", "C(g, Treatment(reference='b'))"])
    #expect(try Formula("y ~ C(g, Treatment(3))").exogenousTerms == ["1", "C(g, Treatment(3))"])
    #expect(try Formula("y ~ I(x*1.50) + I(x*1e1) + I(x * .5) + I(x**-1) + I(2**-x)").exogenousTerms
      == ["1", "I(x * 1.5)", "I(x * 10.0)", "I(x * 0.5)", "I(x ** (-1))", "I(2 ** (-x))"])
    #expect(try Formula("y ~ x1*x2*z1").exogenousTerms == ["1", "x1", "x2", "z1", "x1:x2", "x1:z1", "x2:z1", "x1:x2:z1"])
    #expect(try Formula("y ~ `my col` + {x ** 2}").exogenousTerms == ["1", "my col", "x ** 2"])
  }

  @Test("syntax errors point at the offending token", arguments: [
    ("y x", FormulaError.missingTilde(offset: 3)),
    ("y ~ x +", .unexpectedEnd(expected: "a variable, a function call, 1, 0 or '('", offset: 7)),
    ("y ~ (x + z", .unbalanced(opening: "(", offset: 4)),
    ("y ~ x + z)", .unmatchedClosing(")", offset: 9)),
    ("y ~ [t ~ z", .unbalanced(opening: "[", offset: 4)),
    ("y ~ x + [ ~ z]", .emptyIVBlock(side: "endogenous variables before '~'", offset: 10)),
    ("y ~ x + [t ~ ]", .emptyIVBlock(side: "instruments after '~'", offset: 13)),
    ("y ~ [t ~ z] + [u ~ w]", .multipleIVBlocks(offset: 14)),
    ("y ~ x:[t ~ z]", .nestedIVBlock(offset: 6)),
    ("y ~ [1 + t ~ z]", .interceptInIVBlock(offset: 5)),
    ("y ~ x $ z", .unexpectedCharacter("$", offset: 6)),
    ("y ~ foo(x)", .unknownFunction("foo", suggestion: nil, offset: 4)),
    ("y ~ lg(x)", .unknownFunction("lg", suggestion: "log", offset: 4)),
    ("y ~ x ~ z", .unexpectedToken(found: "~", expected: "'+' or the end of the formula (only one '~' outside the IV block)", offset: 6)),
    ("y + z ~ x", .invalidDependent("the left-hand side must be one variable or transform (found '+')", offset: 2)),
    ("C(g) ~ x", .invalidDependent("the dependent variable must be numeric, not C(…)", offset: 0)),
    ("2 ~ x", .invalidDependent("the left-hand side must be one variable or transform (found '2')", offset: 0)),
    ("~ x", .invalidDependent("the left-hand side is empty", offset: 0)),
    ("y ~ 2 + x", .unexpectedToken(found: "2", expected: "a term (a number on its own is only 1 or 0; use I(…) for arithmetic)", offset: 4)),
    ("y ~ C(g, Sum)", .unsupported("the contrast 'Sum' (only Treatment coding is available)", offset: 9)),
  ])
  func syntaxErrors(formula: String, expected: FormulaError) {
    #expect(throws: expected) { try Formula(formula) }
  }

  @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
    let depth = 10_000
    let nested = "y ~ " + String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
    #expect(throws: FormulaError.tooDeeplyNested(limit: 200, offset: 204)) { try Formula(nested) }
    let unary = "y ~ I(" + String(repeating: "-", count: depth) + "x)"
    #expect(throws: FormulaError.tooDeeplyNested(limit: 200, offset: 205)) { try Formula(unary) }
    let power = "y ~ I(" + String(repeating: "x**", count: depth) + "x)"
    #expect(throws: FormulaError.self) { try Formula(power) }
    // Nesting within the limit parses.
    #expect(try Formula("y ~ " + String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150)).exogenousTerms == ["1", "x"])
  }

  @Test func interactionExplosionIsAnError() throws {
    let twenty = "(" + (0..<20).map { "c\($0)" }.joined(separator: " + ") + ")"
    #expect(throws: FormulaError.self) { try Formula("y ~ \(twenty)**20") }
    #expect(throws: FormulaError.self) { try Formula("y ~ \(twenty):\(twenty):\(twenty):\(twenty)") }
    #expect(try Formula("y ~ (a + b + c)**3").exogenousTerms.count == 8)
  }

  @Test func caretDiagramPointsAtTheToken() throws {
    let error = FormulaError.unknownColumn("x3", suggestion: "x2", offset: 8)
    #expect(error.caretDiagram(for: "y ~ 1 + x3") == "  y ~ 1 + x3\n          ^")
    #expect(error.description == "formula column 9: unknown column 'x3' (did you mean 'x2'?)")
  }
}
