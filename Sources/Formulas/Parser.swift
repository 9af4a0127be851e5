import Tabular

/// A recursive-descent parser for the formula language (see `Documentation/Formulas.md`).
///
/// Term-level precedence follows formulaic: `+`/`-` < `*`/`/` < `:` < `**`.
/// Inside `I(…)` and function calls, arithmetic follows Python.
struct Parser {
  private let tokens: [Token]
  private var position = 0
  /// Current nesting of parentheses, calls and unary/power chains.
  private var depth = 0
  /// Deeper nesting is an error rather than a stack overflow.
  static let maximumNesting = 200
  /// A formula may expand to at most this many terms (`(a + … + t)**20` would be a million).
  static let maximumTerms = 10_000

  private func checkSize(_ terms: TermList, at token: Token) throws(FormulaError) -> TermList {
    guard terms.count <= Self.maximumTerms else {
      throw .tooManyTerms(limit: Self.maximumTerms, offset: token.offset)
    }
    return terms
  }
  private var ivBlock: (endogenous: TermList, instruments: TermList, offset: Int)?
  /// Products of terms computed so far by `*`, `/`, `:` and `**`.
  private var interactionWork = 0
  /// A formula whose interactions need more products is refused: without a bound a
  /// 1 KB chain such as `a*b*…*m*a*a*a…` (8,191 terms re-expanded per factor) parses
  /// for minutes.
  static let maximumInteractionWork = 50_000

  private mutating func spendInteractions(_ products: Int, at token: Token) throws(FormulaError) {
    interactionWork += products
    if interactionWork > Self.maximumInteractionWork {
      throw .tooComplex(limit: Self.maximumInteractionWork, offset: token.offset)
    }
  }

  init(tokens: [Token]) { self.tokens = tokens }

  private var current: Token { tokens[min(position, tokens.count - 1)] }

  /// Enters one level of nesting at `token`; throws when the formula nests too deeply.
  private mutating func nest(at token: Token) throws(FormulaError) {
    depth += 1
    if depth > Self.maximumNesting {
      throw .tooDeeplyNested(limit: Self.maximumNesting, offset: token.offset)
    }
  }
  private mutating func advance() { position = min(position + 1, tokens.count - 1) }

  private mutating func expect(_ symbol: String, _ description: String) throws(FormulaError) {
    guard current.isSymbol(symbol) else { throw unexpected(expected: description) }
    advance()
  }

  private func unexpected(expected: String) -> FormulaError {
    if current.kind == .end { return .unexpectedEnd(expected: expected, offset: current.offset) }
    if (current.isSymbol(")") || current.isSymbol("]")) && !closingHasMatch {
      return .unmatchedClosing(current.text, offset: current.offset)
    }
    return .unexpectedToken(found: current.text, expected: expected, offset: current.offset)
  }

  /// Whether a bracket of the current closing bracket's kind is still open before it
  /// (`log()`: the ')' closes the call but comes too early; `x)`: nothing to close).
  private var closingHasMatch: Bool {
    let open = current.text == ")" ? "(" : "["
    var balance = 0
    for token in tokens.prefix(position) {
      if token.isSymbol(open) { balance += 1 } else if token.isSymbol(current.text) { balance -= 1 }
    }
    return balance > 0
  }

  // MARK: - Formula

  /// Parses `lhs ~ rhs`.
  mutating func parseFormula() throws(FormulaError) -> ParsedFormula {
    guard tokens.contains(where: { $0.isSymbol("~") }) else {
      throw .missingTilde(offset: tokens.last?.offset ?? 0)
    }
    let dependentOffset = current.offset
    guard !current.isSymbol("~") else {
      throw .invalidDependent("the left-hand side is empty", offset: dependentOffset)
    }
    let (dependent, dependentName) = try parseDependent()
    guard current.isSymbol("~") else {
      throw .invalidDependent(
        "the left-hand side must be one variable or transform (found '\(current.text)')", offset: current.offset)
    }
    advance()
    var exogenous = TermList([Term(factors: [], offset: current.offset)])  // implicit intercept
    exogenous = try parseSum(startingWith: exogenous, topLevel: true)
    guard current.kind == .end else {
      if current.isSymbol("~") {
        throw .unexpectedToken(found: "~", expected: "'+' or the end of the formula (only one '~' outside the IV block)", offset: current.offset)
      }
      throw unexpected(expected: "'+', '-' or the end of the formula")
    }
    return ParsedFormula(
      dependent: dependent, dependentName: dependentName, dependentOffset: dependentOffset, exogenous: exogenous,
      endogenous: ivBlock?.endogenous ?? TermList(), instruments: ivBlock?.instruments ?? TermList(),
      ivBlockOffset: ivBlock?.offset)
  }

  /// The left-hand side: one numeric variable or transform (`y`, `np.log(y)`,
  /// `I(y / 100)`, `{y / 100}`), with the name formulaic gives it.
  private mutating func parseDependent() throws(FormulaError) -> (ValueExpression, String) {
    let token = current
    if token.isSymbol("{") {
      let terms = try parseAtom()
      if case .numeric(let expression)? = terms.terms.first?.factors.first?.kind { return (expression, expression.text) }
    }
    guard token.kind == .identifier else {
      throw .invalidDependent("the left-hand side must be one variable or transform (found '\(token.text)')", offset: token.offset)
    }
    if token.text == "C" {
      throw .invalidDependent("the dependent variable must be numeric, not C(…)", offset: token.offset)
    }
    let factor = try parseFactor()
    guard case .numeric(let expression) = factor.kind else {
      throw .invalidDependent("the dependent variable must be numeric", offset: token.offset)
    }
    return (expression, factor.name)
  }

  // MARK: - Term level

  /// `prefix*` written without a space and followed by the end of a term list (`+`,
  /// `-`, `]`, `)`, `~` or the end): a column pattern, not a product (`a*b`, `a * b`).
  private func columnPattern(at token: Token) -> Factor? {
    let star = position + 1
    let after = position + 2
    guard after < tokens.count, tokens[star].isSymbol("*"),
      tokens[star].offset == token.offset + token.text.unicodeScalars.count
    else { return nil }
    let next = tokens[after]
    guard next.kind == .end || ["+", "-", "]", ")", "~"].contains(where: { next.isSymbol($0) }) else { return nil }
    return Factor(kind: .pattern(prefix: token.text), name: token.text + "*", offset: token.offset)
  }

  /// `sum := ['+'|'-'] product (('+'|'-') product)*`, folding into `start`.
  private mutating func parseSum(startingWith start: TermList, topLevel: Bool) throws(FormulaError) -> TermList {
    var accumulated = start
    var first = true
    while true {
      var subtract = false
      if current.isSymbol("+") || current.isSymbol("-") {
        subtract = current.isSymbol("-")
        advance()
      } else if !first {
        return accumulated
      }
      first = false
      if current.isSymbol("[") {
        guard topLevel else { throw .nestedIVBlock(offset: current.offset) }
        guard !subtract else {
          throw .unexpectedToken(found: "-", expected: "'+' before the IV block", offset: current.offset)
        }
        try parseIVBlock()
        continue
      }
      // A literal 0 removes the intercept (and `- 0` adds it), as in R and formulaic.
      if current.kind == .number, current.text == "0" || Double(current.text) == 0,
        !isFollowedByTermOperator
      {
        let intercept = TermList([Term(factors: [], offset: current.offset)])
        accumulated = subtract ? accumulated.union(intercept) : accumulated.subtracting(intercept)
        advance()
        continue
      }
      let operand = try parseProduct()
      accumulated = subtract ? accumulated.subtracting(operand) : accumulated.union(operand)
    }
  }

  private var isFollowedByTermOperator: Bool {
    let next = tokens[min(position + 1, tokens.count - 1)]
    return next.isSymbol("*") || next.isSymbol(":") || next.isSymbol("/") || next.isSymbol("**")
  }

  /// `product := interaction (('*' | '/') interaction)*`
  private mutating func parseProduct() throws(FormulaError) -> TermList {
    var left = try parseInteraction()
    while current.isSymbol("*") || current.isSymbol("/") {
      let nested = current.isSymbol("/")
      let operatorToken = current
      advance()
      if current.isSymbol("[") { throw .nestedIVBlock(offset: current.offset) }
      let right = try parseInteraction()
      try spendInteractions(left.count * right.count + right.count, at: operatorToken)
      if nested {
        // a / b = a + (all factors of a):b
        let common = left.terms.reduce(Term(factors: [], offset: left.terms.first?.offset ?? 0)) {
          $0.interacting(with: $1)
        }
        left = left.union(TermList([common]).interacting(with: right))
      } else {
        // formulaic: the operands' terms, then their interactions (sorted by degree later).
        left = left.union(right).union(try checkSize(left.interacting(with: right), at: operatorToken))
      }
      left = try checkSize(left, at: operatorToken)
    }
    return left
  }

  /// `interaction := power (':' power)*`
  private mutating func parseInteraction() throws(FormulaError) -> TermList {
    var left = try parsePower()
    while current.isSymbol(":") {
      let operatorToken = current
      advance()
      if current.isSymbol("[") { throw .nestedIVBlock(offset: current.offset) }
      let right = try parsePower()
      guard left.count * right.count <= Self.maximumTerms else {
        throw .tooManyTerms(limit: Self.maximumTerms, offset: operatorToken.offset)
      }
      try spendInteractions(left.count * right.count, at: operatorToken)
      left = left.interacting(with: right)
    }
    return left
  }

  /// `power := atom ('**' integer)?` — all interactions up to that order.
  private mutating func parsePower() throws(FormulaError) -> TermList {
    let base = try parseAtom()
    guard current.isSymbol("**") else { return base }
    let operatorToken = current
    advance()
    guard current.kind == .number, let n = Int(current.text), n >= 1 else {
      throw unexpected(expected: "a positive integer after '**'")
    }
    advance()
    var result = base
    for _ in 1..<min(n, base.count + 1) {
      guard result.count * base.count <= Self.maximumTerms * 4 else {
        throw .tooManyTerms(limit: Self.maximumTerms, offset: operatorToken.offset)
      }
      try spendInteractions(result.count * base.count, at: operatorToken)
      result = try checkSize(result.union(result.interacting(with: base)), at: operatorToken)
    }
    return TermList(result.sortedByDegree)
  }

  /// `atom := '(' sum ')' | '1' | variable | call`
  private mutating func parseAtom() throws(FormulaError) -> TermList {
    let token = current
    switch token.kind {
    case .symbol where token.text == "(":
      try nest(at: token)
      defer { depth -= 1 }
      advance()
      let inner = try parseSum(startingWith: TermList(), topLevel: false)
      guard current.isSymbol(")") else {
        if current.kind == .end { throw .unbalanced(opening: "(", offset: token.offset) }
        throw unexpected(expected: "')'")
      }
      advance()
      return inner
    case .symbol where token.text == "[":
      throw .nestedIVBlock(offset: token.offset)
    case .symbol where token.text == "{":
      // formulaic's quoting of arithmetic: {x1**2} is the column named `x1 ** 2`.
      try nest(at: token)
      defer { depth -= 1 }
      advance()
      let inner = try parseArithmetic()
      guard current.isSymbol("}") else {
        if current.kind == .end { throw .unbalanced(opening: "{", offset: token.offset) }
        throw unexpected(expected: "'}'")
      }
      advance()
      return TermList([Term(factors: [Factor(kind: .numeric(inner), name: inner.text, offset: token.offset)], offset: token.offset)])
    case .number:
      guard Double(token.text) == 1 else {
        throw .unexpectedToken(
          found: token.text, expected: "a term (a number on its own is only 1 or 0; use I(…) for arithmetic)",
          offset: token.offset)
      }
      advance()
      return TermList([Term(factors: [], offset: token.offset)])
    case .identifier:
      if let pattern = columnPattern(at: token) {
        advance()
        advance()
        return TermList([Term(factors: [pattern], offset: token.offset)])
      }
      let factor = try parseFactor()
      return TermList([Term(factors: [factor], offset: token.offset)])
    default:
      throw unexpected(expected: "a variable, a function call, 1, 0 or '('")
    }
  }

  /// A variable or a call: `x`, `C(x, Treatment(reference=2))`, `I(x**2)`, `np.log(x)`.
  private mutating func parseFactor() throws(FormulaError) -> Factor {
    let token = current
    try nest(at: token)
    defer { depth -= 1 }
    advance()
    guard current.isSymbol("(") else {
      // A bare name: its kind (numeric or categorical) is decided by the data.
      return Factor(kind: .numeric(.variable(token.text, offset: token.offset)), name: token.text, offset: token.offset)
    }
    let open = current
    switch token.text {
    case "C":
      advance()
      guard current.kind == .identifier else { throw unexpected(expected: "a column name inside C(…)") }
      let column = current.text
      let columnOffset = current.offset
      advance()
      var reference: ReferenceLevel?
      var contrastText = ""
      if current.isSymbol(",") {
        advance()
        (reference, contrastText) = try parseTreatment()
      }
      guard current.isSymbol(")") else {
        if current.kind == .end { throw .unbalanced(opening: "(", offset: open.offset) }
        throw unexpected(expected: "')' to close C(")
      }
      advance()
      let name = contrastText.isEmpty ? "C(\(column))" : "C(\(column), \(contrastText))"
      _ = columnOffset
      return Factor(kind: .categorical(column: column, reference: reference, explicit: true), name: name, offset: token.offset)
    case "I":
      advance()
      let inner = try parseArithmetic()
      try closeCall(open)
      return Factor(kind: .numeric(inner), name: "I(\(inner.text))", offset: token.offset)
    default:
      guard let function = MathFunction.named(token.text) else {
        let known = ["C", "I"] + MathFunction.allCases.map(\.rawValue)
        throw .unknownFunction(
          token.text, suggestion: closestMatch(to: token.text, among: known), offset: token.offset)
      }
      advance()
      let argument = try parseArithmetic()
      try closeCall(open)
      let expression = ValueExpression.call(function, spelledAs: token.text, argument)
      return Factor(kind: .numeric(expression), name: expression.text, offset: token.offset)
    }
  }

  private mutating func closeCall(_ open: Token) throws(FormulaError) {
    guard current.isSymbol(")") else {
      if current.kind == .end { throw .unbalanced(opening: "(", offset: open.offset) }
      throw unexpected(expected: "')'")
    }
    advance()
  }

  /// `Treatment(reference=level)`, `Treatment(level)` or `Treatment('level')`.
  private mutating func parseTreatment() throws(FormulaError) -> (ReferenceLevel?, String) {
    let token = current
    guard token.kind == .identifier, token.text == "Treatment" || token.text == "T" else {
      if token.kind == .identifier {
        throw .unsupported("the contrast '\(token.text)' (only Treatment coding is available)", offset: token.offset)
      }
      throw unexpected(expected: "Treatment(reference=…)")
    }
    advance()
    try expect("(", "'(' after Treatment")
    var keyword = ""
    if current.kind == .identifier && current.text == "reference" {
      advance()
      try expect("=", "'=' after reference")
      keyword = "reference="
    }
    let level: ReferenceLevel
    let levelText: String
    switch current.kind {
    case .string:
      level = .label(current.text)
      levelText = "'\(current.text)'"
    case .number:
      level = .number(Double(current.text) ?? .nan, text: current.text)
      levelText = current.text
    case .symbol where current.text == "-":
      advance()
      guard current.kind == .number, let value = Double(current.text) else {
        throw unexpected(expected: "a reference level")
      }
      level = .number(-value, text: "-" + current.text)
      levelText = "-" + current.text
    default:
      throw unexpected(expected: "a reference level (a number or a quoted label)")
    }
    advance()
    try expect(")", "')' to close Treatment(")
    return (level, "\(token.text)(\(keyword)\(levelText))")
  }

  /// `'[' sum '~' sum ']'`
  private mutating func parseIVBlock() throws(FormulaError) {
    let open = current
    if ivBlock != nil { throw .multipleIVBlocks(offset: open.offset) }
    advance()
    if current.isSymbol("~") { throw .emptyIVBlock(side: "endogenous variables before '~'", offset: current.offset) }
    let endogenous = try parseBlockSide()
    guard current.isSymbol("~") else {
      if current.kind == .end { throw .unbalanced(opening: "[", offset: open.offset) }
      throw unexpected(expected: "'~' between the endogenous variables and the instruments")
    }
    advance()
    if current.isSymbol("]") || current.kind == .end {
      throw .emptyIVBlock(side: "instruments after '~'", offset: current.offset)
    }
    let instruments = try parseBlockSide()
    guard current.isSymbol("]") else {
      if current.kind == .end { throw .unbalanced(opening: "[", offset: open.offset) }
      throw unexpected(expected: "']' to close the IV block")
    }
    advance()
    ivBlock = (endogenous, instruments, open.offset)
  }

  private mutating func parseBlockSide() throws(FormulaError) -> TermList {
    let side = try parseSum(startingWith: TermList(), topLevel: false)
    if let intercept = side.terms.first(where: \.isIntercept) {
      throw .interceptInIVBlock(offset: intercept.offset)
    }
    return side
  }

  // MARK: - Arithmetic (Python precedence)

  /// `arith := term (('+'|'-') term)*`
  mutating func parseArithmetic() throws(FormulaError) -> ValueExpression {
    let entryDepth = depth
    defer { depth = entryDepth }
    var left = try parseArithmeticProduct()
    while current.isSymbol("+") || current.isSymbol("-") {
      // Each operator deepens the (left-deep) expression tree that evaluation recurses over.
      try nest(at: current)
      let op: ValueExpression.BinaryOperator = current.isSymbol("+") ? .add : .subtract
      advance()
      left = .binary(op, left, try parseArithmeticProduct())
    }
    return left
  }

  private mutating func parseArithmeticProduct() throws(FormulaError) -> ValueExpression {
    let entryDepth = depth
    defer { depth = entryDepth }
    var left = try parseArithmeticUnary()
    while current.isSymbol("*") || current.isSymbol("/") {
      try nest(at: current)
      let op: ValueExpression.BinaryOperator = current.isSymbol("*") ? .multiply : .divide
      advance()
      left = .binary(op, left, try parseArithmeticUnary())
    }
    return left
  }

  private mutating func parseArithmeticUnary() throws(FormulaError) -> ValueExpression {
    try nest(at: current)
    defer { depth -= 1 }
    if current.isSymbol("-") {
      advance()
      return .negate(try parseArithmeticUnary())
    }
    if current.isSymbol("+") {
      advance()
      return .plus(try parseArithmeticUnary())
    }
    let base = try parseArithmeticAtom()
    if current.isSymbol("**") {
      advance()
      return .binary(.power, base, try parseArithmeticUnary())
    }
    return base
  }

  private mutating func parseArithmeticAtom() throws(FormulaError) -> ValueExpression {
    let token = current
    try nest(at: token)
    defer { depth -= 1 }
    switch token.kind {
    case .number:
      advance()
      return .number(Double(token.text) ?? .nan, text: token.text)
    case .identifier:
      advance()
      guard current.isSymbol("(") else { return .variable(token.text, offset: token.offset) }
      let open = current
      guard let function = MathFunction.named(token.text) else {
        let known = MathFunction.allCases.map(\.rawValue)
        throw .unknownFunction(token.text, suggestion: closestMatch(to: token.text, among: known), offset: token.offset)
      }
      advance()
      let argument = try parseArithmetic()
      try closeCall(open)
      return .call(function, spelledAs: token.text, argument)
    case .symbol where token.text == "(":
      advance()
      let inner = try parseArithmetic()
      try closeCall(token)
      return inner
    default:
      throw unexpected(expected: "a number, a column or '('")
    }
  }
}

/// The parser's output: terms for each part of the model.
struct ParsedFormula: Sendable {
  let dependent: ValueExpression
  let dependentName: String
  let dependentOffset: Int
  let exogenous: TermList
  let endogenous: TermList
  let instruments: TermList
  let ivBlockOffset: Int?
}
