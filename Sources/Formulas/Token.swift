/// One lexical unit of a formula, with its position in the text.
struct Token: Sendable, Equatable {
  /// What kind of token this is.
  enum Kind: Sendable, Equatable {
    case identifier  // x1, np.log, `quoted name`
    case number  // 1, 2.5, 1e-3
    case string  // 'b' or "b"
    case symbol  // ~ + - * / : ** ( ) [ ] , =
    case end
  }

  let kind: Kind
  /// The token's text (for quoted identifiers and strings: the content without quotes).
  let text: String
  /// Zero-based position of the token's first character in the formula.
  let offset: Int

  func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}
