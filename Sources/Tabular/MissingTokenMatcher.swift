/// Decides whether a field's text is one of the missing-value tokens, without
/// creating a `String`.
struct MissingTokenMatcher {
  /// Tokens as UTF-8, grouped by byte length (index = length).
  private let tokensByLength: [[[UInt8]]]
  /// Bit `b & 63` of word `b >> 6` is set when some non-empty token starts with byte `b`.
  private let firstBytes: (UInt64, UInt64, UInt64, UInt64)
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
    var first: [UInt64] = [0, 0, 0, 0]
    for token in encoded {
      if let b = token.first { first[Int(b >> 6)] |= 1 << UInt64(b & 63) }
    }
    firstBytes = (first[0], first[1], first[2], first[3])
    hasNumericToken = tokens.contains { DecimalParser.parse($0) != nil }
  }

  /// Whether `bytes[start..<end]` equals one of the tokens.
  @inline(__always)
  func matches(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
    let length = end - start
    guard length < tokensByLength.count else { return false }
    if length > 0 {
      let b = bytes[start]
      let word: UInt64
      switch b >> 6 {
      case 0: word = firstBytes.0
      case 1: word = firstBytes.1
      case 2: word = firstBytes.2
      default: word = firstBytes.3
      }
      if word & (1 << UInt64(b & 63)) == 0 { return false }
    }
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
