/// One lexical unit of a row condition, with where it is in the text.
struct RowConditionToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// A column name: bare (`age`, `log.income`) or backtick-quoted (`quoted` is true).
    case identifier(String, quoted: Bool)
    /// A number literal without sign.
    case number(Double)
    /// A string literal, escapes resolved.
    case string(String)
    case comparison(RowCondition.ComparisonOperator)
    case and, or, not
    /// `+` or `-`, allowed only before a number.
    case sign(negative: Bool)
    case openParenthesis, closeParenthesis
    case end
  }

  let kind: Kind
  let span: RowCondition.Span
  /// The token as written (quotes included).
  let text: String
}

/// Splits row-condition text into tokens.
///
/// Positions are counted in Unicode scalars. Bare identifiers are letters, digits,
/// `_` and `.`, starting with a letter, `_`, or a `.` not followed by a digit (as
/// in R); the words `and`, `or`, `not` (also in capitals) are operators.
enum RowConditionLexer {
  static func tokenize(_ text: String) throws(RowConditionError) -> [RowConditionToken] {
    let scalars = Array(text.unicodeScalars)
    var tokens: [RowConditionToken] = []
    var i = 0
    func span(_ start: Int) -> RowCondition.Span { RowCondition.Span(offset: start, length: i - start) }
    func token(_ kind: RowConditionToken.Kind, from start: Int) -> RowConditionToken {
      RowConditionToken(kind: kind, span: span(start), text: String(String.UnicodeScalarView(scalars[start..<i])))
    }
    func next(_ k: Int) -> Unicode.Scalar? { i + k < scalars.count ? scalars[i + k] : nil }

    while i < scalars.count {
      let c = scalars[i]
      if isSpace(c) {
        i += 1
        continue
      }
      let start = i
      if isIdentifierStart(c, next: next(1)) {
        while i < scalars.count && isIdentifierBody(scalars[i]) { i += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<i]))
        let kind: RowConditionToken.Kind =
          switch word {
          case "and", "AND": .and
          case "or", "OR": .or
          case "not", "NOT": .not
          default: .identifier(word, quoted: false)
          }
        tokens.append(token(kind, from: start))
      } else if isDigit(c) || c == "." {
        // `.` here is followed by a digit (otherwise it would start an identifier).
        while i < scalars.count && isDigit(scalars[i]) { i += 1 }
        if i < scalars.count && scalars[i] == "." {
          i += 1
          while i < scalars.count && isDigit(scalars[i]) { i += 1 }
        }
        if i < scalars.count && (scalars[i] == "e" || scalars[i] == "E") {
          var j = i + 1
          if j < scalars.count && (scalars[j] == "+" || scalars[j] == "-") { j += 1 }
          if j < scalars.count && isDigit(scalars[j]) {
            i = j
            while i < scalars.count && isDigit(scalars[i]) { i += 1 }
          }
        }
        // A number must not run into a name or another dot: `1.2.3`, `3x`, `1e`.
        var malformed = false
        while i < scalars.count && isIdentifierBody(scalars[i]) {
          malformed = true
          i += 1
        }
        let literal = String(String.UnicodeScalarView(scalars[start..<i]))
        guard !malformed, let value = Double(literal) else { throw .malformedNumber(literal, at: span(start)) }
        tokens.append(token(.number(value), from: start))
      } else if c == "'" || c == "\"" || c == "`" {
        i += 1
        var content = String.UnicodeScalarView()
        var closed = false
        while i < scalars.count {
          let s = scalars[i]
          if s == c {
            closed = true
            i += 1
            break
          }
          if s == "\\" && i + 1 < scalars.count {
            content.append(unescaped(scalars[i + 1]))
            i += 2
          } else {
            content.append(s)
            i += 1
          }
        }
        guard closed else {
          throw .unterminatedQuote(
            quote: String(c), at: RowCondition.Span(offset: start, length: scalars.count - start))
        }
        let value = String(content)
        if c == "`" {
          if value.isEmpty { throw .emptyColumnName(at: span(start)) }
          tokens.append(token(.identifier(value, quoted: true), from: start))
        } else {
          tokens.append(token(.string(value), from: start))
        }
      } else {
        let second = next(1)
        let kind: RowConditionToken.Kind
        switch c {
        case "=":
          guard second == "=" else {
            i += 1
            throw .singleEquals(at: span(start))
          }
          kind = .comparison(.equal)
          i += 2
        case "!":
          if second == "=" {
            kind = .comparison(.notEqual)
            i += 2
          } else {
            kind = .not
            i += 1
          }
        case "<", ">":
          let orEqual = second == "="
          kind = .comparison(c == "<" ? (orEqual ? .lessOrEqual : .less) : (orEqual ? .greaterOrEqual : .greater))
          i += orEqual ? 2 : 1
        case "&", "|":
          kind = c == "&" ? .and : .or
          i += second == c ? 2 : 1
        case "(", ")":
          kind = c == "(" ? .openParenthesis : .closeParenthesis
          i += 1
        case "+", "-":
          kind = .sign(negative: c == "-")
          i += 1
        case "%":
          // R's infix operators: %in%, %%, %/%, %like% …
          var j = i + 1
          while j < scalars.count && j - i <= 20 && scalars[j] != "%" && !isSpace(scalars[j]) { j += 1 }
          if j < scalars.count && scalars[j] == "%" {
            i = j + 1
            throw .unsupportedOperator(String(String.UnicodeScalarView(scalars[start..<i])), at: span(start))
          }
          i += 1
          throw .unexpectedCharacter("%", at: span(start))
        default:
          i += 1
          throw .unexpectedCharacter(String(c), at: span(start))
        }
        tokens.append(token(kind, from: start))
      }
    }
    tokens.append(RowConditionToken(kind: .end, span: RowCondition.Span(offset: scalars.count, length: 0), text: ""))
    return tokens
  }

  // MARK: - Character classes

  static func isSpace(_ c: Unicode.Scalar) -> Bool {
    c == " " || c == "\t" || c == "\n" || c == "\r"
  }

  static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

  static func isIdentifierStart(_ c: Unicode.Scalar, next: Unicode.Scalar?) -> Bool {
    if c == "." { return next.map { !isDigit($0) } ?? true }
    return c == "_" || c.properties.isAlphabetic
  }

  static func isIdentifierBody(_ c: Unicode.Scalar) -> Bool {
    c == "_" || c == "." || isDigit(c) || c.properties.isAlphabetic
  }

  /// The character a backslash escape stands for: `\n`, `\t` and `\r` are control
  /// characters, any other escaped character stands for itself (`\'`, `\"`, `\\`).
  static func unescaped(_ c: Unicode.Scalar) -> Unicode.Scalar {
    switch c {
    case "n": "\n"
    case "t": "\t"
    case "r": "\r"
    default: c
    }
  }

  // MARK: - Canonical spelling (for descriptions and hints)

  /// Words that are operators or literals when bare, so a column with one of these
  /// names must be backtick-quoted.
  static let reservedWords: Set<String> = [
    "and", "AND", "or", "OR", "not", "NOT", "TRUE", "FALSE", "True", "False", "true", "false", "NA", "is.na",
  ]

  /// Whether `text` is exactly a number literal of the language, optionally signed.
  static func isNumberLiteral(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    guard let tokens = try? tokenize(String(body)), tokens.count == 2, case .number = tokens[0].kind else {
      return false
    }
    return tokens[0].span == RowCondition.Span(offset: 0, length: body.unicodeScalars.count)
  }

  /// `name` as the language writes it: bare when it lexes as one identifier and is
  /// not a reserved word, otherwise in backticks.
  static func canonicalColumnName(_ name: String) -> String {
    let scalars = Array(name.unicodeScalars)
    if let first = scalars.first, isIdentifierStart(first, next: scalars.dropFirst().first),
      scalars.allSatisfy(isIdentifierBody), !reservedWords.contains(name)
    {
      return name
    }
    return "`" + escaped(name, quote: "`") + "`"
  }

  /// `value` in single quotes, with backslash escapes.
  static func quotedString(_ value: String) -> String {
    "'" + escaped(value, quote: "'") + "'"
  }

  /// A number literal for `value`: integers without a fraction, others in Swift's
  /// shortest round-tripping form. Negative values carry a leading `-`.
  static func canonicalNumber(_ value: Double) -> String {
    if value.isInfinite { return value < 0 ? "-1e999" : "1e999" }
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  private static func escaped(_ text: String, quote: Unicode.Scalar) -> String {
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      switch s {
      case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
      case "\n": out.append(contentsOf: "\\n".unicodeScalars)
      case "\t": out.append(contentsOf: "\\t".unicodeScalars)
      case "\r": out.append(contentsOf: "\\r".unicodeScalars)
      case quote:
        out.append("\\")
        out.append(s)
      default: out.append(s)
      }
    }
    return String(out)
  }
}
