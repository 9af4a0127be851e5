/// Decides whether a field's text is one of the missing-value tokens, without
/// creating a `String`.
struct MissingTokenMatcher {
  /// Tokens as UTF-8, grouped by byte length (index = length).
  private let tokensByLength: [[[UInt8]]]
  /// Whether some token reads as a number, so that numbers must be checked against
  /// the tokens before being parsed.
  let hasNumericToken: Bool

  /// A matcher for `tokens`.
  init(_ tokens: Set<String>) {
    let encoded = tokens.map { Array($0.utf8) }
    let longest = encoded.map(\.count).max() ?? -1
    var groups = [[[UInt8]]](repeating: [], count: longest + 1)
    for token in encoded { groups[token.count].append(token) }
    tokensByLength = groups
    hasNumericToken = tokens.contains { DecimalParser.parse($0) != nil }
  }

  /// Whether `bytes[start..<end]` equals one of the tokens.
  @inline(__always)
  func matches(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
    let length = end - start
    guard length < tokensByLength.count else { return false }
    for token in tokensByLength[length] {
      var k = 0
      while k < length && bytes[start + k] == token[k] { k += 1 }
      if k == length { return true }
    }
    return false
  }

  /// Whether `text` equals one of the tokens.
  func matches(_ text: [UInt8]) -> Bool {
    text.withUnsafeBufferPointer { matches($0, from: 0, to: $0.count) }
  }
}
