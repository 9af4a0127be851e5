/// Why a row condition could not be parsed or evaluated; every case says where.
///
/// Each case carries the ``RowCondition/Span`` of the offending part of the
/// condition text (in Unicode scalars), so ``caretDiagram(for:)`` can point at it
/// the way ``description`` names its 1-based column. The first group of cases comes
/// from ``RowCondition/init(parsing:)``; the last group (unknown columns and type
/// mismatches) from ``RowCondition/evaluate(on:)``, which checks the condition
/// against a table.
public enum RowConditionError: Error, Equatable, CustomStringConvertible {
  // MARK: Syntax

  /// The condition is empty or only white space.
  case emptyCondition(at: RowCondition.Span)
  /// A character that is not part of the language (`$`, `@`, `,` …).
  case unexpectedCharacter(String, at: RowCondition.Span)
  /// Digits run into letters, dots or a bare exponent (`1.2.3`, `3x`, `1e`).
  case malformedNumber(String, at: RowCondition.Span)
  /// A string (`'…'`, `"…"`) or backtick-quoted name opened here is never closed;
  /// `quote` is the opening character.
  case unterminatedQuote(quote: String, at: RowCondition.Span)
  /// A backtick-quoted column name with nothing inside (` `` `).
  case emptyColumnName(at: RowCondition.Span)
  /// A single `=`, which is not a comparison.
  case singleEquals(at: RowCondition.Span)
  /// An R operator the language does not have, such as `%in%`.
  case unsupportedOperator(String, at: RowCondition.Span)
  /// A function call other than `is.na(column)`, such as `abs(x)`.
  case unsupportedFunction(String, at: RowCondition.Span)
  /// A token where something else was expected; `suggestion` is a keyword the
  /// token may be a typo of.
  case unexpectedToken(found: String, expected: String, suggestion: String?, at: RowCondition.Span)
  /// The condition ends where more was expected.
  case unexpectedEnd(expected: String, at: RowCondition.Span)
  /// An opening `(` that is never closed.
  case unclosedParenthesis(at: RowCondition.Span)
  /// A closing `)` with no opening one.
  case unmatchedClosingParenthesis(at: RowCondition.Span)
  /// A column standing alone where a condition is expected (`x and y == 1`).
  case bareColumn(String, at: RowCondition.Span)
  /// A comparison used as the operand of another (`1 < x < 3`).
  case chainedComparison(at: RowCondition.Span)
  /// `NA` used as a value: comparing with it is always unknown.
  case missingValueLiteral(at: RowCondition.Span)
  /// Parentheses or `not` nested more than `limit` levels deep.
  case tooDeeplyNested(limit: Int, at: RowCondition.Span)

  // MARK: Data

  /// A column the table does not have, with the closest existing name if any.
  case unknownColumn(String, suggestion: String?, at: RowCondition.Span)
  /// A numeric column compared with a string literal (`literal` as written,
  /// quotes included).
  case numericColumnVersusString(column: String, literal: String, at: RowCondition.Span)
  /// A categorical column compared with a number literal (`literal` as written).
  /// `labelsLookNumeric` says every label of the column reads as a number.
  case categoricalColumnVersusNumber(
    column: String, literal: String, labelsLookNumeric: Bool, at: RowCondition.Span)
  /// A numeric column compared with a categorical one.
  case numericVersusCategoricalColumn(numeric: String, categorical: String, at: RowCondition.Span)
  /// A number literal compared with a string literal (both as written).
  case numberVersusString(number: String, string: String, at: RowCondition.Span)

  /// The part of the condition text the error points at.
  public var span: RowCondition.Span {
    switch self {
    case .emptyCondition(let span), .unexpectedCharacter(_, let span), .malformedNumber(_, let span),
      .unterminatedQuote(_, let span), .emptyColumnName(let span), .singleEquals(let span),
      .unsupportedOperator(_, let span), .unsupportedFunction(_, let span), .unexpectedToken(_, _, _, let span), .unexpectedEnd(_, let span),
      .unclosedParenthesis(let span), .unmatchedClosingParenthesis(let span), .bareColumn(_, let span),
      .chainedComparison(let span), .missingValueLiteral(let span), .tooDeeplyNested(_, let span),
      .unknownColumn(_, _, let span), .numericColumnVersusString(_, _, let span),
      .categoricalColumnVersusNumber(_, _, _, let span), .numericVersusCategoricalColumn(_, _, let span),
      .numberVersusString(_, _, let span):
      span
    }
  }

  /// Zero-based position, in Unicode scalars, of the offending part of the condition.
  public var offset: Int { span.offset }

  /// Length, in Unicode scalars, of the offending part (0 at the end of the text).
  public var length: Int { span.length }

  /// A one-line explanation starting with the 1-based column it points at, such as
  /// `subset column 1: unknown column 'agee' (did you mean 'age'?)`. Line breaks and
  /// tabs quoted from the condition are shown as `\n`, `\r` and `\t`.
  public var description: String {
    var line = String.UnicodeScalarView()
    for scalar in message.unicodeScalars {
      switch scalar {
      case "\n": line.append(contentsOf: "\\n".unicodeScalars)
      case "\r": line.append(contentsOf: "\\r".unicodeScalars)
      case "\t": line.append(contentsOf: "\\t".unicodeScalars)
      default: line.append(scalar)
      }
    }
    return String(line)
  }

  /// The description before control characters are escaped.
  private var message: String {
    let at = "subset column \(span.offset + 1): "
    func suggest(_ s: String?) -> String { s.map { " (did you mean '\($0)'?)" } ?? "" }
    switch self {
    case .emptyCondition:
      return at + "the condition is empty"
    case .unexpectedCharacter(let c, _):
      if c == "," { return at + "unexpected ','; combine conditions with 'and' (or '&')" }
      return at + "unexpected character '\(c)'"
    case .malformedNumber(let text, _):
      return at + "malformed number '\(text)'"
    case .unterminatedQuote(let quote, _):
      return quote == "`"
        ? at + "the column name quoted with ` here is never closed"
        : at + "the string opened with \(quote) here is never closed (write \\\(quote) for a quote inside it)"
    case .emptyColumnName:
      return at + "empty column name between backticks"
    case .singleEquals:
      return at + "'=' is not a comparison; write '==' to test equality"
    case .unsupportedOperator(let op, _):
      return at + "'\(op)' is not supported; combine comparisons instead, as in x == 'a' or x == 'b'"
    case .unsupportedFunction(let name, _):
      return at + "function '\(name)' is not supported; the only function is is.na(column)"
    case .unexpectedToken(let found, let expected, let suggestion, _):
      return at + "expected \(expected), found '\(found)'\(suggest(suggestion))"
    case .unexpectedEnd(let expected, _):
      return at + "expected \(expected), but the condition ends here"
    case .unclosedParenthesis:
      return at + "'(' is never closed"
    case .unmatchedClosingParenthesis:
      return at + "')' has no matching '('"
    case .bareColumn(let name, _):
      let written = RowConditionLexer.canonicalColumnName(name)
      return at
        + "column '\(name)' is not a condition by itself; compare it with a value, as in \(written) == 1 or \(written) != 'a'"
    case .chainedComparison:
      return at + "comparisons cannot be chained; write a < x and x < b"
    case .missingValueLiteral:
      return at + "a comparison with NA is always unknown; test for missing values with is.na(column)"
    case .tooDeeplyNested(let limit, _):
      return at + "the condition nests parentheses or 'not' more than \(limit) levels deep"
    case .unknownColumn(let name, let suggestion, _):
      return at + "unknown column '\(name)'\(suggest(suggestion))"
    case .numericColumnVersusString(let column, let literal, _):
      let unquoted = String(literal.dropFirst().dropLast())
      let hint =
        RowConditionLexer.isNumberLiteral(unquoted) ? "; write the number without quotes: \(unquoted)" : ""
      return at + "column '\(column)' is numeric and cannot be compared with the string \(literal)\(hint)"
    case .categoricalColumnVersusNumber(let column, let literal, let labelsLookNumeric, _):
      let why = labelsLookNumeric ? " (its labels look like numbers but were read as text)" : ""
      return at
        + "column '\(column)' is categorical\(why) and cannot be compared with the number \(literal); compare it with a label in quotes: '\(literal)'"
    case .numericVersusCategoricalColumn(let numeric, let categorical, _):
      return at + "cannot compare numeric column '\(numeric)' with categorical column '\(categorical)'"
    case .numberVersusString(let number, let string, _):
      return at + "cannot compare the number \(number) with the string \(string)"
    }
  }

  /// The condition with a caret under the first character of the offending part,
  /// in the layout of the formula errors:
  ///
  /// ```
  ///   age >= 18 and regoin == 'north'
  ///                 ^
  /// ```
  ///
  /// Tabs and line breaks in the condition are shown as spaces so that the caret
  /// stays under its character.
  public func caretDiagram(for condition: String) -> String {
    let scalars = condition.unicodeScalars
    let shown = String(
      String.UnicodeScalarView(scalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
    let clamped = max(0, min(span.offset, scalars.count))
    return "  " + shown + "\n  " + String(repeating: " ", count: clamped) + "^"
  }
}
