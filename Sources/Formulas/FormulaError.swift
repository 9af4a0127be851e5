/// Problems found in a formula or while turning it into design matrices.
///
/// Every case that comes from the formula text carries `offset`, the zero-based
/// character position of the offending token, so ``caretDiagram(for:)`` can
/// point at it. Cases that come from the data name the term, row and value.
public enum FormulaError: Error, Equatable, CustomStringConvertible {
  /// A character that is not part of the formula language.
  case unexpectedCharacter(String, offset: Int)
  /// A token where something else was expected.
  case unexpectedToken(found: String, expected: String, offset: Int)
  /// The formula ended where more was expected.
  case unexpectedEnd(expected: String, offset: Int)
  /// No `~` separates the dependent variable from the regressors.
  case missingTilde(offset: Int)
  /// An opening `(` or `[` that is never closed.
  case unbalanced(opening: String, offset: Int)
  /// A closing `)` or `]` with no matching opening one.
  case unmatchedClosing(String, offset: Int)
  /// A column the data does not have, with the closest existing name if any.
  case unknownColumn(String, suggestion: String?, offset: Int)
  /// A function the language does not know.
  case unknownFunction(String, suggestion: String?, offset: Int)
  /// A construct the language recognises but does not support (yet).
  case unsupported(String, offset: Int)
  /// The IV block has nothing on one side of its `~`.
  case emptyIVBlock(side: String, offset: Int)
  /// More than one `[... ~ ...]` block.
  case multipleIVBlocks(offset: Int)
  /// An IV block inside parentheses or an interaction.
  case nestedIVBlock(offset: Int)
  /// `1` or `0` inside the IV block.
  case interceptInIVBlock(offset: Int)
  /// A term listed both as exogenous and endogenous.
  case exogenousAndEndogenous(String, offset: Int)
  /// An instrument that is also an exogenous regressor or the endogenous variable itself.
  case instrumentIsRegressor(String, role: String, offset: Int)
  /// The dependent variable also appears among the regressors or instruments.
  case dependentOnRightHandSide(String, offset: Int)
  /// Fewer instrument columns than endogenous columns.
  case underidentified(endogenous: Int, instruments: Int, offset: Int)
  /// A categorical column used where a number is needed.
  case categoricalInArithmetic(String, offset: Int)
  /// The left-hand side is not a single numeric variable or transform.
  case invalidDependent(String, offset: Int)
  /// A `Treatment(reference=…)` level that the variable does not have.
  case unknownReferenceLevel(String, variable: String, levels: [String], offset: Int)
  /// A transform produced a non-finite value from finite inputs.
  case nonFiniteTransform(term: String, row: Int, line: Int?, inputs: String)
  /// The data hold a non-finite value (for example `inf` or `1e400`).
  case nonFiniteData(column: String, row: Int, line: Int?, value: Double)
  /// Every row has a missing value in a column the model uses.
  case noCompleteRows(columns: [String])
  /// The data table has no rows at all.
  case noRows
  /// Parentheses, calls or operators nested deeper than the parser allows.
  case tooDeeplyNested(limit: Int, offset: Int)
  /// Interactions that expand to more terms than the parser allows.
  case tooManyTerms(limit: Int, offset: Int)
  /// Interactions whose expansion needs more products of terms than the parser allows
  /// (a long chain such as `a*b*…*m*a*a*a…` re-expands thousands of terms per factor).
  case tooComplex(limit: Int, offset: Int)
  /// A term with more categorical factors than the encoder allows.
  case tooManyCategoricalFactors(term: String, limit: Int, offset: Int)
  /// The terms so far need more columns than there are observations.
  case tooManyColumns(term: String, columns: Int, observations: Int, offset: Int)
  /// The dense design would not fit in memory (a categorical variable with very many
  /// levels, dummy-coded for every row): the bytes needed and the machine's memory.
  case designTooLarge(term: String, bytes: Double, memory: Double, offset: Int)
  /// Two model columns with the same name (for example a column called `a:b` next to the term a:b).
  case duplicateColumnName(String, offset: Int)
  /// A column pattern (`m*`) that matches no column of the data.
  case patternMatchesNothing(String, offset: Int)
  /// A column pattern inside an interaction or a power.
  case patternInInteraction(String, offset: Int)
  /// A plain variable whose column was read as text although its values look
  /// like numbers: `value` (on `row`) is the first one that is not a number.
  case numbersReadAsText(column: String, value: String, row: Int, line: Int?, mixed: Bool, offset: Int)

  /// The position in the formula text the error points at, when it has one.
  public var offset: Int? {
    switch self {
    case .unexpectedCharacter(_, let o), .unexpectedToken(_, _, let o), .unexpectedEnd(_, let o),
      .missingTilde(let o), .unbalanced(_, let o), .unmatchedClosing(_, let o),
      .unknownColumn(_, _, let o), .unknownFunction(_, _, let o), .unsupported(_, let o),
      .emptyIVBlock(_, let o), .multipleIVBlocks(let o), .nestedIVBlock(let o),
      .interceptInIVBlock(let o), .exogenousAndEndogenous(_, let o),
      .instrumentIsRegressor(_, _, let o), .dependentOnRightHandSide(_, let o),
      .underidentified(_, _, let o), .categoricalInArithmetic(_, let o),
      .invalidDependent(_, let o), .unknownReferenceLevel(_, _, _, let o), .tooDeeplyNested(_, let o),
      .tooManyTerms(_, let o), .tooComplex(_, let o), .numbersReadAsText(_, _, _, _, _, let o),
      .tooManyCategoricalFactors(_, _, let o), .tooManyColumns(_, _, _, let o), .duplicateColumnName(_, let o),
      .designTooLarge(_, _, _, let o),
      .patternMatchesNothing(_, let o), .patternInInteraction(_, let o):
      return o
    case .nonFiniteTransform, .nonFiniteData, .noCompleteRows, .noRows:
      return nil
    }
  }

  /// A one-line description; formula positions are 1-based columns.
  public var description: String {
    let at = offset.map { "formula column \($0 + 1): " } ?? ""
    func suggest(_ s: String?) -> String { s.map { " (did you mean '\($0)'?)" } ?? "" }
    func rowText(_ row: Int, _ line: Int?) -> String {
      line.map { "row \(row) (line \($0))" } ?? "row \(row)"
    }
    switch self {
    case .unexpectedCharacter(let c, _):
      return at + "unexpected character '\(c)'"
    case .unexpectedToken(let found, let expected, _):
      return at + "expected \(expected), found '\(found)'"
    case .unexpectedEnd(let expected, _):
      return at + "the formula ends where \(expected) was expected"
    case .missingTilde:
      return at + "the formula has no '~' separating the dependent variable from the regressors"
    case .unbalanced(let opening, _):
      return at + "'\(opening)' is never closed"
    case .unmatchedClosing(let closing, _):
      return at + "'\(closing)' has no matching opening bracket"
    case .unknownColumn(let name, let suggestion, _):
      return at + "unknown column '\(name)'\(suggest(suggestion))"
    case .unknownFunction(let name, let suggestion, _):
      return at
        + "unknown function '\(name)'\(suggest(suggestion)); known: C, I, log, log1p, exp, sqrt, abs (np. prefixes accepted)"
    case .unsupported(let what, _):
      return at + "\(what) is not supported"
    case .emptyIVBlock(let side, _):
      return at + "the IV block has no \(side)"
    case .multipleIVBlocks:
      return at + "only one IV block [endogenous ~ instruments] is allowed"
    case .nestedIVBlock:
      return at + "the IV block must be a term of the main sum, not inside parentheses or an interaction"
    case .interceptInIVBlock:
      return at + "the intercept belongs outside the IV block (write 1 or 0 in the main formula)"
    case .exogenousAndEndogenous(let name, _):
      return at + "'\(name)' is listed both as exogenous and as endogenous"
    case .instrumentIsRegressor(let name, let role, _):
      return at + "instrument '\(name)' is also \(role)"
    case .dependentOnRightHandSide(let name, _):
      return at + "the dependent variable '\(name)' also appears on the right-hand side"
    case .underidentified(let endogenous, let instruments, _):
      return at
        + "under-identified: \(endogenous) endogenous column\(endogenous == 1 ? "" : "s") but only \(instruments) instrument column\(instruments == 1 ? "" : "s")"
    case .categoricalInArithmetic(let name, _):
      return at + "column '\(name)' is categorical; arithmetic and transforms need a numeric column"
    case .invalidDependent(let why, _):
      return at + "invalid dependent variable: \(why)"
    case .unknownReferenceLevel(let level, let variable, let levels, _):
      let shown = levels.prefix(10).joined(separator: ", ") + (levels.count > 10 ? ", …" : "")
      return at + "reference level '\(level)' is not a level of '\(variable)' (levels: \(shown))"
    case .nonFiniteTransform(let term, let row, let line, let inputs):
      return "term '\(term)' is not finite on \(rowText(row, line)) (\(inputs))"
    case .nonFiniteData(let column, let row, let line, let value):
      return "column '\(column)' holds the non-finite value \(value) on \(rowText(row, line))"
    case .noCompleteRows(let columns):
      return "every row has a missing value in at least one of: \(columns.joined(separator: ", "))"
    case .noRows:
      return "the data have no rows (only a header)"
    case .tooDeeplyNested(let limit, _):
      return at + "the formula nests more than \(limit) levels deep"
    case .tooManyTerms(let limit, _):
      return at + "the interactions expand to more than \(limit) terms"
    case .tooComplex(let limit, _):
      return at + "expanding the interactions takes more than \(limit) products of terms; simplify the formula"
    case .tooManyCategoricalFactors(let term, let limit, _):
      return at + "the term '\(term)' interacts more than \(limit) categorical variables"
    case .tooManyColumns(let term, let columns, let observations, _):
      return at + "up to the term '\(term)' the model needs \(columns) columns but has only \(observations) observations"
    case .duplicateColumnName(let name, _):
      return at + "two model columns are both named '\(name)'"
    case .designTooLarge(let term, let bytes, let memory, _):
      return at
        + "up to the term '\(term)' the design matrices need \((bytes / 1e8).rounded() / 10) GB, more than half of this machine's \((memory / 1e8).rounded() / 10) GB of memory (a categorical variable with very many levels?)"
    case .patternMatchesNothing(let pattern, _):
      return at + "the pattern '\(pattern)' matches no column (other than those the formula names)"
    case .patternInInteraction(let pattern, _):
      return at + "the pattern '\(pattern)' must be a term on its own, not part of an interaction or power"
    case .numbersReadAsText(let column, let value, let row, let line, let mixed, _):
      let why =
        mixed
        ? "mixes numbers and text: '\(value)' on \(rowText(row, line)) is not a number"
        : "holds numbers the CSV reader cannot read, such as '\(value)' on \(rowText(row, line)) (a thousands separator or a decimal comma?)"
      return at + "column '\(column)' \(why); fix the data, or write C(\(column)) to treat it as categorical"
    }
  }

  /// The formula with a caret under the offending position, or `nil` when the
  /// error has no position.
  ///
  /// ```
  ///   y ~ 1 + x3
  ///           ^
  /// ```
  public func caretDiagram(for formula: String) -> String? {
    guard let offset else { return nil }
    let clamped = max(0, min(offset, formula.unicodeScalars.count))
    return "  " + formula + "\n  " + String(repeating: " ", count: clamped) + "^"
  }
}
