extension FieldSpan {
  private static let quote = UInt8(ascii: "\"")

  /// The field's text, with `""` turned into `"` in a quoted field.
  func text(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
    guard escaped else { return Array(raw) }
    var result: [UInt8] = []
    result.reserveCapacity(raw.count)
    var skipNextQuote = false
    for b in raw {
      if b == Self.quote {
        if skipNextQuote {
          skipNextQuote = false
          continue
        }
        skipNextQuote = true
      }
      result.append(b)
    }
    return result
  }

  /// The field's value if it is a number, NaN if it is a missing token, `nil` otherwise.
  func number(in bytes: UnsafeBufferPointer<UInt8>, missing: MissingTokenMatcher) -> Double? {
    if !escaped {
      if missing.hasNumericToken && missing.matches(bytes, from: start, to: end) { return .nan }
      if let value = DecimalParser.parse(bytes, from: start, to: end) { return value }
      return missing.matches(bytes, from: start, to: end) ? .nan : nil
    }
    return missing.matches(text(in: bytes)) ? .nan : nil
  }

  /// Appends the field to a categorical column: missing or a label.
  func appendLabel(
    in bytes: UnsafeBufferPointer<UInt8>, missing: MissingTokenMatcher, to builder: inout LabelColumnBuilder
  ) {
    if escaped {
      let unescaped = text(in: bytes)
      if missing.matches(unescaped) {
        builder.appendMissing()
      } else {
        unescaped.withUnsafeBufferPointer { builder.append($0) }
      }
    } else if missing.matches(bytes, from: start, to: end) {
      builder.appendMissing()
    } else {
      builder.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }
  }
}
