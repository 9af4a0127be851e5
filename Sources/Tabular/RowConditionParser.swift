/// A recursive-descent parser for row conditions (see `Documentation/Subset.md`).
///
/// ```
/// condition  = or ;
/// or         = and { ( "or" | "|" | "||" ) and } ;
/// and        = not { ( "and" | "&" | "&&" ) not } ;
/// not        = ( "not" | "!" ) not | primary ;
/// primary    = "(" condition ")" | "is.na" "(" column ")" | boolean | comparison ;
/// comparison = operand ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) operand ;
/// operand    = column | [ "-" | "+" ] number | string ;
/// ```
///
/// Chains of `and` or `or` become one n-ary node, so only parentheses and `not`
/// recurse; their nesting is limited to ``RowCondition/maximumNesting``.
struct RowConditionParser {
  private let tokens: [RowConditionToken]
  private var position = 0
  /// Current nesting of parentheses and `not`.
  private var depth = 0
  /// Current nesting of parentheses alone (to tell an unmatched `)` from a misplaced one).
  private var parenthesisDepth = 0

  private static let booleans: [String: Bool] = [
    "TRUE": true, "True": true, "true": true, "FALSE": false, "False": false, "false": false,
  ]
  private static let comparisonOperators = "a comparison operator (==, !=, <, <=, >, >=)"
  private static let operand = "a column, number or string"

  init(tokens: [RowConditionToken]) { self.tokens = tokens }

  private var current: RowConditionToken {
    tokens[min(position, tokens.count - 1)]
  }

  private var following: RowConditionToken {
    tokens[min(position + 1, tokens.count - 1)]
  }

  private mutating func advance() { position = min(position + 1, tokens.count - 1) }

  /// Enters one level of nesting at `token`; throws when the condition nests too deeply.
  private mutating func nest(at token: RowConditionToken) throws(RowConditionError) {
    depth += 1
    if depth > RowCondition.maximumNesting {
      throw .tooDeeplyNested(limit: RowCondition.maximumNesting, at: token.span)
    }
  }

  /// The error for finding the current token where `expected` should be. After a
  /// complete condition, a word that is a typo of `and` or `or` is suggested.
  private func unexpected(expected: String, suggestConnective: Bool = false) -> RowConditionError {
    let token = current
    switch token.kind {
    case .end:
      return .unexpectedEnd(expected: expected, at: token.span)
    case .closeParenthesis where parenthesisDepth == 0:
      return .unmatchedClosingParenthesis(at: token.span)
    case .identifier(let word, quoted: false) where suggestConnective:
      return .unexpectedToken(
        found: token.text, expected: expected, suggestion: closestMatch(to: word, among: ["and", "or"]),
        at: token.span)
    default:
      return .unexpectedToken(found: token.text, expected: expected, suggestion: nil, at: token.span)
    }
  }

  // MARK: - Conditions

  /// Parses the whole token list as one condition.
  mutating func parseCondition() throws(RowConditionError) -> RowCondition.Expression {
    if current.kind == .end { throw .emptyCondition(at: RowCondition.Span(offset: 0, length: 0)) }
    let expression = try parseOr()
    guard current.kind == .end else {
      throw unexpected(expected: "'and', 'or' or the end of the condition", suggestConnective: true)
    }
    return expression
  }

  private mutating func parseOr() throws(RowConditionError) -> RowCondition.Expression {
    var parts = [try parseAnd()]
    while current.kind == .or {
      advance()
      parts.append(try parseAnd())
    }
    return parts.count == 1 ? parts[0] : .or(parts)
  }

  private mutating func parseAnd() throws(RowConditionError) -> RowCondition.Expression {
    var parts = [try parseNot()]
    while current.kind == .and {
      advance()
      parts.append(try parseNot())
    }
    return parts.count == 1 ? parts[0] : .and(parts)
  }

  private mutating func parseNot() throws(RowConditionError) -> RowCondition.Expression {
    guard current.kind == .not else { return try parsePrimary() }
    try nest(at: current)
    defer { depth -= 1 }
    advance()
    return .not(try parseNot())
  }

  private mutating func parsePrimary() throws(RowConditionError) -> RowCondition.Expression {
    let token = current
    switch token.kind {
    case .openParenthesis:
      try nest(at: token)
      parenthesisDepth += 1
      defer {
        depth -= 1
        parenthesisDepth -= 1
      }
      advance()
      let inner = try parseOr()
      switch current.kind {
      case .closeParenthesis:
        advance()
        return inner
      case .end:
        throw .unclosedParenthesis(at: token.span)
      default:
        throw unexpected(expected: "'and', 'or' or ')'", suggestConnective: true)
      }
    case .identifier(let word, quoted: false) where Self.booleans[word] != nil:
      advance()
      return .constant(Self.booleans[word] ?? false)
    case .identifier("is.na", quoted: false) where following.kind == .openParenthesis:
      return try parseIsMissing()
    default:
      return try parseComparison()
    }
  }

  /// `is.na(column)`, with the current token at `is.na`.
  private mutating func parseIsMissing() throws(RowConditionError) -> RowCondition.Expression {
    advance()
    let open = current
    advance()
    let argument = current
    guard case .identifier(let name, let quoted) = argument.kind,
      quoted || !RowConditionLexer.reservedWords.contains(name)
    else {
      parenthesisDepth += 1
      defer { parenthesisDepth -= 1 }
      throw unexpected(expected: "a column name inside is.na()")
    }
    advance()
    switch current.kind {
    case .closeParenthesis:
      advance()
      return .isMissing(name, argument.span)
    case .end:
      throw .unclosedParenthesis(at: open.span)
    default:
      throw .unexpectedToken(
        found: current.text, expected: "')' (is.na takes one column)", suggestion: nil, at: current.span)
    }
  }

  private mutating func parseComparison() throws(RowConditionError) -> RowCondition.Expression {
    let leftStart = position
    let left = try parseOperand(expected: "a comparison")
    try rejectCall(after: left)
    guard case .comparison(let op) = current.kind else {
      if case .column(let name, let span) = left {
        switch current.kind {
        case .and, .or, .closeParenthesis, .end: throw .bareColumn(name, at: span)
        default: break
        }
      }
      let leftText = tokens[leftStart..<position].map(\.text).joined()
      throw unexpected(expected: Self.comparisonOperators + " after '\(leftText)'")
    }
    let opText = current.text
    advance()
    let right = try parseOperand(expected: Self.operand + " after '\(opText)'")
    try rejectCall(after: right)
    if case .comparison = current.kind { throw .chainedComparison(at: current.span) }
    let end = right.span.offset + right.span.length
    let span = RowCondition.Span(offset: left.span.offset, length: end - left.span.offset)
    return .comparison(RowCondition.Comparison(left: left, op: op, right: right, span: span))
  }

  /// Throws when `operand`, just parsed, is a bare name followed by `(`: a call of
  /// a function the language does not have (`abs(x)`, `nchar(s)`).
  private func rejectCall(after operand: RowCondition.Operand) throws(RowConditionError) {
    guard current.kind == .openParenthesis, case .column(let name, let span) = operand, position > 0,
      case .identifier(_, quoted: false) = tokens[position - 1].kind
    else { return }
    throw .unsupportedFunction(name, at: span)
  }

  private mutating func parseOperand(expected: String) throws(RowConditionError) -> RowCondition.Operand {
    let token = current
    switch token.kind {
    case .identifier(let name, let quoted):
      if !quoted {
        if name == "NA" { throw .missingValueLiteral(at: token.span) }
        if Self.booleans[name] != nil {
          throw unexpected(expected: expected + " (\(name) is a condition, not a value)")
        }
      }
      advance()
      return .column(name, token.span)
    case .number(let value):
      advance()
      return .number(value, token.span)
    case .string(let value):
      advance()
      return .string(value, token.span)
    case .sign(let negative):
      advance()
      guard case .number(let value) = current.kind else {
        throw unexpected(expected: "a number after '\(token.text)'")
      }
      let end = current.span.offset + current.span.length
      advance()
      let span = RowCondition.Span(offset: token.span.offset, length: end - token.span.offset)
      return .number(negative ? -value : value, span)
    default:
      throw unexpected(expected: expected)
    }
  }
}
