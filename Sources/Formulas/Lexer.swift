/// Splits formula text into ``Token``s.
///
/// Identifiers may contain letters, digits, `_` and `.` (so `np.log` is one
/// token); backticks quote names with other characters (`` `my col` ``).
enum Lexer {
  static func tokenize(_ text: String) throws(FormulaError) -> [Token] {
    let scalars = Array(text.unicodeScalars)
    var tokens: [Token] = []
    var i = 0
    func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
      c == "_" || c.properties.isAlphabetic
    }
    func isIdentifierBody(_ c: Unicode.Scalar) -> Bool {
      isIdentifierStart(c) || c == "." || ("0"..."9").contains(c)
    }
    func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    while i < scalars.count {
      let c = scalars[i]
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
        continue
      }
      let start = i
      if isIdentifierStart(c) {
        while i < scalars.count && isIdentifierBody(scalars[i]) { i += 1 }
        tokens.append(Token(kind: .identifier, text: String(String.UnicodeScalarView(scalars[start..<i])), offset: start))
      } else if isDigit(c) || (c == "." && i + 1 < scalars.count && isDigit(scalars[i + 1])) {
        while i < scalars.count && (isDigit(scalars[i]) || scalars[i] == ".") { i += 1 }
        if i < scalars.count && (scalars[i] == "e" || scalars[i] == "E") {
          var j = i + 1
          if j < scalars.count && (scalars[j] == "+" || scalars[j] == "-") { j += 1 }
          if j < scalars.count && isDigit(scalars[j]) {
            i = j
            while i < scalars.count && isDigit(scalars[i]) { i += 1 }
          }
        }
        let literal = String(String.UnicodeScalarView(scalars[start..<i]))
        guard Double(literal) != nil else { throw .unexpectedToken(found: literal, expected: "a number", offset: start) }
        tokens.append(Token(kind: .number, text: literal, offset: start))
      } else if c == "'" || c == "\"" || c == "`" {
        i += 1
        while i < scalars.count && scalars[i] != c { i += 1 }
        guard i < scalars.count else { throw .unbalanced(opening: String(c), offset: start) }
        let content = String(String.UnicodeScalarView(scalars[(start + 1)..<i]))
        i += 1
        tokens.append(Token(kind: c == "`" ? .identifier : .string, text: content, offset: start))
      } else if c == "*" && i + 1 < scalars.count && scalars[i + 1] == "*" {
        tokens.append(Token(kind: .symbol, text: "**", offset: start))
        i += 2
      } else if "~+-*/:()[],={}".unicodeScalars.contains(c) {
        tokens.append(Token(kind: .symbol, text: String(c), offset: start))
        i += 1
      } else {
        throw .unexpectedCharacter(String(c), offset: start)
      }
    }
    tokens.append(Token(kind: .end, text: "", offset: scalars.count))
    return tokens
  }
}
