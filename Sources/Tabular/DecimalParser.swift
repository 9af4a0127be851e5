/// Parses decimal numbers straight from UTF-8 bytes, correctly rounded.
///
/// Grammar (after trimming ASCII spaces on both sides):
/// `[+-]? (digits [. digits?]? | . digits) ([eE] [+-]? digits)?`.
/// Words such as `inf` or `nan`, hexadecimal and digit grouping (`1,234`) are not
/// numbers. Values beyond the double range become ±infinity or ±0, as `strtod` gives.
///
/// Up to 19 significant digits are accumulated exactly. When the value is an integer
/// of at most 2^53 times a power of ten with |exponent| ≤ 22, one correctly rounded
/// multiplication or division gives the answer (Clinger's fast path). Otherwise the
/// Eisel–Lemire algorithm (as in the fast_float library) rounds correctly from a
/// 128-bit product, and in the rare cases it cannot decide — or with more than 19
/// significant digits — the standard library's correctly rounded `Double(String)` is
/// used.
enum DecimalParser {
  /// Exact powers of ten representable as doubles: 1e0 … 1e22.
  static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Parses a whole string; `nil` when it does not match the grammar.
  static func parse(_ text: String) -> Double? {
    var copy = text
    return copy.withUTF8 { parse($0, from: 0, to: $0.count) }
  }

  /// Parses `bytes[start..<end]`; `nil` when it does not match the grammar.
  ///
  /// - Precondition: `0 <= start <= end <= bytes.count`.
  @inline(__always)
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
    let space: UInt8 = 0x20
    var i = start
    var e = end
    while i < e && bytes[i] == space { i += 1 }
    while e > i && bytes[e - 1] == space { e -= 1 }
    guard i < e else { return nil }
    let textStart = i

    var negative = false
    let first = bytes[i]
    if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
      negative = first == UInt8(ascii: "-")
      i += 1
    }

    var mantissa: UInt64 = 0
    var significantDigits = 0
    var sawDigit = false
    var exponent = 0
    var inexact = false

    // Integer part.
    while i < e {
      let d = bytes[i] &- 0x30
      if d > 9 { break }
      sawDigit = true
      i += 1
      if mantissa == 0 && d == 0 { continue }  // leading zero
      if significantDigits < 19 {
        mantissa = mantissa &* 10 &+ UInt64(d)
      } else {
        exponent += 1
        if d != 0 { inexact = true }
      }
      significantDigits += 1
    }
    // Fraction.
    if i < e && bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < e {
        let d = bytes[i] &- 0x30
        if d > 9 { break }
        sawDigit = true
        i += 1
        if mantissa == 0 && d == 0 {
          exponent -= 1
          continue
        }
        if significantDigits < 19 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          exponent -= 1
        } else if d != 0 {
          inexact = true
        }
        significantDigits += 1
      }
    }
    guard sawDigit else { return nil }
    // Exponent.
    if i < e && bytes[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      var exponentNegative = false
      if i < e && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var value = 0
      var sawExponentDigit = false
      while i < e {
        let d = bytes[i] &- 0x30
        if d > 9 { break }
        sawExponentDigit = true
        if value < 100_000_000 { value = value * 10 + Int(d) }
        i += 1
      }
      guard sawExponentDigit else { return nil }
      exponent += exponentNegative ? -value : value
    }
    guard i == e else { return nil }

    if !inexact, let value = exactValue(mantissa: mantissa, exponent: exponent, negative: negative) {
      return value
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[textStart..<e]), as: UTF8.self)
    return Double(text)
  }

  /// The double nearest to ±`mantissa` × 10^`exponent` (ties to even), or `nil` when
  /// neither Clinger's fast path nor Eisel–Lemire can decide the rounding.
  @inline(__always)
  static func exactValue(mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
    if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      var value = Double(mantissa)
      if exponent < 0 {
        value /= powersOfTen[-exponent]
      } else {
        value *= powersOfTen[exponent]
      }
      return negative ? -value : value  // also ±0 for a zero mantissa
    }
    return slowExactValue(mantissa: mantissa, exponent: exponent, negative: negative)
  }

  /// ``exactValue(mantissa:exponent:negative:)`` beyond Clinger's fast path (kept out
  /// of line so that the fast path inlines).
  @inline(never)
  private static func slowExactValue(mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
    if mantissa == 0 { return negative ? -0.0 : 0.0 }
    guard let magnitude = eiselLemire(mantissa: mantissa, exponent: exponent) else { return nil }
    return negative ? -magnitude : magnitude
  }

  /// The double nearest to `mantissa` × 10^`exponent` (ties to even), or `nil` when the
  /// 128-bit approximation cannot decide the rounding.
  ///
  /// - Precondition: `mantissa > 0`.
  @inline(__always)
  static func eiselLemire(mantissa: UInt64, exponent q: Int) -> Double? {
    if q < PowersOfFive.smallestExponent { return 0 }
    if q > PowersOfFive.largestExponent { return .infinity }
    let leadingZeros = mantissa.leadingZeroBitCount
    let w = mantissa << UInt64(leadingZeros)
    let index = 2 * (q - PowersOfFive.smallestExponent)
    let table = PowersOfFive.table
    guard index + 1 < table.count else { return nil }
    var (high, low) = w.multipliedFullWidth(by: table[index])
    // 55 bits of precision are needed (52 explicit bits + 3).
    let precisionMask: UInt64 = 0x1FF
    if high & precisionMask == precisionMask {
      let second = w.multipliedFullWidth(by: table[index + 1]).high
      let (sum, overflow) = low.addingReportingOverflow(second)
      low = sum
      if overflow { high &+= 1 }
    }
    if low == UInt64.max && (q < -27 || q > 55) { return nil }
    let upperBit = Int(high >> 63)
    let shift = UInt64(upperBit + 9)
    var significand = high >> shift
    // Binary exponent: floor(q * log2(10)) + 63, plus the bias of 1023.
    var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
    if power2 <= 0 {  // subnormal
      if -power2 + 1 >= 64 { return 0 }
      significand >>= UInt64(-power2 + 1)
      significand += significand & 1
      significand >>= 1
      power2 = significand < (1 << 52) ? 0 : 1
      return Double(bitPattern: UInt64(power2) << 52 | (significand & ((1 << 52) - 1)))
    }
    // An exact halfway case (only possible for small q): round to even.
    if low <= 1 && q >= -4 && q <= 23 && significand & 3 == 1 && significand << shift == high {
      significand &= ~1
    }
    significand += significand & 1
    significand >>= 1
    if significand >= 2 << 52 {
      significand = 1 << 52
      power2 += 1
    }
    if power2 >= 0x7FF { return .infinity }
    return Double(bitPattern: UInt64(power2) << 52 | (significand & ((1 << 52) - 1)))
  }
}
