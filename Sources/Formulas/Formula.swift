/// A parsed model formula in linearmodels syntax.
///
/// `y ~ 1 + x + C(g) + [t1 + t2 ~ z1 + z2]`: the dependent variable, then
/// exogenous terms, and at most one IV block listing endogenous regressors and
/// their excluded instruments. The intercept is implicit unless `0` or `-1`
/// removes it — in IV formulas too (the R and statsmodels convention; note that
/// linearmodels itself adds no intercept to bracket formulas without `1`).
///
/// ```swift
/// let f = try Formula("in_app_purchase ~ [push_delivered ~ push_assigned]")
/// f.hasInstruments   // true
/// f.hasIntercept     // true
/// ```
///
/// The full grammar is in `Documentation/Formulas.md`.
public struct Formula: Sendable, CustomStringConvertible {
  /// The formula as written.
  public let text: String
  let parsed: ParsedFormula

  /// Parses a formula.
  ///
  /// - Throws: ``FormulaError`` pointing at the offending token: unexpected
  ///   characters or tokens, a missing `~`, unbalanced brackets, an empty or
  ///   misplaced IV block, unknown functions.
  public init(_ text: String) throws(FormulaError) {
    self.text = text
    var parser = Parser(tokens: try Lexer.tokenize(text))
    self.parsed = try parser.parseFormula()
  }

  /// The dependent variable as formulaic names it (`y`, `np.log(y)`).
  public var dependentName: String { parsed.dependentName }

  /// Whether the formula has an IV block.
  public var hasInstruments: Bool { parsed.ivBlockOffset != nil }

  /// Whether the model includes an intercept.
  public var hasIntercept: Bool { parsed.exogenous.containsIntercept }

  /// The exogenous terms as written (`1` for the intercept), in model order.
  public var exogenousTerms: [String] { parsed.exogenous.sortedByDegree.map(\.name) }
  /// The endogenous terms, in model order.
  public var endogenousTerms: [String] { parsed.endogenous.sortedByDegree.map(\.name) }
  /// The excluded instruments' terms, in model order.
  public var instrumentTerms: [String] { parsed.instruments.sortedByDegree.map(\.name) }

  public var description: String { text }
}
