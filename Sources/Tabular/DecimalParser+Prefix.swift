extension DecimalParser {
  /// Exact powers of ten as integers: 10^0 … 10^7.
  private static let integerPowersOfTen: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]

  /// Reads the number at the start of `base[start..<end]` in its common form — no
  /// surrounding spaces, at most 19 digits in all — eight digits at a time.
  ///
  /// The grammar is ``parse(_:from:to:)``'s; the number ends at the first byte that
  /// cannot continue it, and the caller checks that this byte ends the field. The
  /// result is exactly ``parse(_:from:to:)``'s for the same text.
  ///
  /// The most common form — an optional sign, at most 6 digits, optionally a point and
  /// at most 7 more digits, no exponent, followed by at least 8 readable bytes — takes
  /// a short path: its mantissa is below 2^53 and its exponent at least -7, so one
  /// correctly rounded division gives the value.
  ///
  /// - Returns: the value and the offset just past the number, or `nil` when there is
  ///   no number there in the common form (the caller then uses ``parse(_:from:to:)``).
  /// - Precondition: `0 <= start <= end` and `base[start..<end]` is readable.
  @inline(__always)
  static func parsePrefix(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (value: Double, end: Int)? {
    guard start &+ 17 <= end else { return parseLongPrefix(base, from: start, to: end) }
    let raw = UnsafeRawPointer(base)
    // One load for the sign and the integer digits: after a sign, the word is shifted
    // by a byte and its top byte made a non-digit, so at most 7 digits are seen.
    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
    let first = UInt8(truncatingIfNeeded: word)
    let negative = first == UInt8(ascii: "-")
    let signed = negative || first == UInt8(ascii: "+")
    let integerWord = signed ? word >> 8 | 0xFF00_0000_0000_0000 : word
    let integerDigits = EightDigits.leadingDigitCount(integerWord)
    if integerDigits >= 7 { return parseLongPrefix(base, from: start, to: end) }
    var mantissa = integerDigits == 0 ? 0 : EightDigits.value(of: integerWord, count: integerDigits)
    var next = start &+ (signed ? 1 : 0) &+ integerDigits
    var fractionDigits = 0
    if base[next] == UInt8(ascii: ".") {
      let fractionWord = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: next &+ 1, as: UInt64.self))
      fractionDigits = EightDigits.leadingDigitCount(fractionWord)
      if fractionDigits == 8 { return parseLongPrefix(base, from: start, to: end) }
      if fractionDigits > 0 {
        mantissa = mantissa &* integerPowersOfTen[fractionDigits]
          &+ EightDigits.value(of: fractionWord, count: fractionDigits)
      }
      next = next &+ 1 &+ fractionDigits
    }
    if base[next] | 0x20 == UInt8(ascii: "e") || integerDigits &+ fractionDigits == 0 {
      return parseLongPrefix(base, from: start, to: end)
    }
    // Below 10^14, so the signed conversion (one instruction) is exact.
    let magnitude = Double(Int64(bitPattern: mantissa)) / powersOfTen[fractionDigits]
    return (Double(bitPattern: magnitude.bitPattern | (negative ? 1 << 63 : 0)), next)
  }

  /// ``parsePrefix(_:from:to:)`` for any number of digits (up to 19), with an exponent
  /// or near the end of the input.
  @inline(never)
  private static func parseLongPrefix(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (value: Double, end: Int)? {
    var i = start
    guard i < end else { return nil }
    var negative = false
    let first = base[i]
    if first == UInt8(ascii: "-") {
      negative = true
      i += 1
    } else if first == UInt8(ascii: "+") {
      i += 1
    }
    var mantissa: UInt64 = 0
    let integerStart = i
    i = accumulateDigits(base, from: i, to: end, into: &mantissa)
    var digits = i - integerStart
    var exponent = 0
    if i < end && base[i] == UInt8(ascii: ".") {
      i += 1
      let fractionStart = i
      i = accumulateDigits(base, from: i, to: end, into: &mantissa)
      exponent = fractionStart - i
      digits -= exponent
    }
    // More than 19 digits may not fit the mantissa exactly (it wrapped around): the
    // general parser counts significant digits and falls back when needed.
    guard digits > 0 && digits <= 19 else { return nil }
    if i < end && base[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      var exponentNegative = false
      if i < end && (base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-")) {
        exponentNegative = base[i] == UInt8(ascii: "-")
        i += 1
      }
      let exponentStart = i
      var value = 0
      while i < end {
        let d = base[i] &- 0x30
        if d > 9 { break }
        if value < 100_000_000 { value = value * 10 + Int(d) }
        i += 1
      }
      guard i > exponentStart else { return nil }
      exponent += exponentNegative ? -value : value
    }
    guard let value = exactValue(mantissa: mantissa, exponent: exponent, negative: negative) else { return nil }
    return (value, i)
  }

  /// Appends the digits starting at `start` to `mantissa` (wrapping around past 2^64)
  /// and returns the offset of the first byte that is not a digit.
  @inline(__always)
  private static func accumulateDigits(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, into mantissa: inout UInt64
  ) -> Int {
    var i = start
    let raw = UnsafeRawPointer(base)
    while i + 8 <= end {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      let count = EightDigits.leadingDigitCount(word)
      if count == 0 { return i }
      mantissa = mantissa &* EightDigits.powerOfTen(count) &+ EightDigits.value(of: word, count: count)
      i += count
      if count < 8 { return i }
    }
    while i < end {
      let d = base[i] &- 0x30
      if d > 9 { break }
      mantissa = mantissa &* 10 &+ UInt64(d)
      i += 1
    }
    return i
  }
}
