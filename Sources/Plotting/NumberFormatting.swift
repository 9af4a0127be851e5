#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A decimal number `mantissa × 10^exponent`, formatted exactly with integer arithmetic.
struct DecimalNumber: Equatable {
  var mantissa: Int
  var exponent: Int

  /// The same number with the mantissa's trailing zeros moved into the exponent.
  var normalized: DecimalNumber {
    var result = self
    if result.mantissa == 0 { return DecimalNumber(mantissa: 0, exponent: 0) }
    while result.mantissa % 10 == 0 {
      result.mantissa /= 10
      result.exponent += 1
    }
    return result
  }

  /// The number of decimal digits of `|mantissa|` (1 for zero).
  var digitCount: Int { String(mantissa.magnitude).count }

  /// The exponent of the leading digit (0 for zero).
  var leadingExponent: Int {
    let n = normalized
    return n.mantissa == 0 ? 0 : n.exponent + n.digitCount - 1
  }

  /// The nearest `Double` (correctly rounded by the standard library's parser).
  var doubleValue: Double {
    Double("\(mantissa)e\(exponent)") ?? .nan
  }

  /// Fixed notation with exactly `decimals` digits after the point (`decimals ≥ 0`,
  /// `decimals ≥ -exponent` for an exact result), using `minus` for negative numbers.
  func fixed(decimals: Int, minus: String) -> String {
    let digits = String(mantissa.magnitude)
    var integerPart: String
    var fraction: String
    if exponent >= 0 {
      integerPart = mantissa == 0 ? "0" : digits + String(repeating: "0", count: exponent)
      fraction = ""
    } else {
      let shift = -exponent
      if digits.count > shift {
        integerPart = String(digits.prefix(digits.count - shift))
        fraction = String(digits.suffix(shift))
      } else {
        integerPart = "0"
        fraction = String(repeating: "0", count: shift - digits.count) + digits
      }
    }
    if fraction.count < decimals {
      fraction += String(repeating: "0", count: decimals - fraction.count)
    } else if fraction.count > decimals {
      fraction = String(fraction.prefix(max(decimals, 0)))
    }
    if integerPart.isEmpty { integerPart = "0" }
    let sign = mantissa < 0 ? minus : ""
    return sign + integerPart + (fraction.isEmpty ? "" : "." + fraction)
  }

  /// The number of digits after the leading one in scientific notation.
  var scientificDecimals: Int { max(normalized.digitCount - 1, 0) }

  /// Scientific notation in C's style (`1.5e-05`, `2e+06`) with `decimals` mantissa digits
  /// after the point (at least ``scientificDecimals`` for an exact result).
  func scientific(decimals: Int, minus: String) -> String {
    let n = normalized
    if n.mantissa == 0 { return "0" }
    let digits = String(n.mantissa.magnitude)
    var mantissaText = String(digits.prefix(1))
    var rest = String(digits.dropFirst())
    if rest.count < decimals { rest += String(repeating: "0", count: decimals - rest.count) }
    if !rest.isEmpty { mantissaText += "." + rest }
    let power = n.exponent + digits.count - 1
    let powerDigits = String(power.magnitude)
    let paddedPower = powerDigits.count < 2 ? "0" + powerDigits : powerDigits
    let sign = n.mantissa < 0 ? minus : ""
    return sign + mantissaText + "e" + (power < 0 ? minus : "+") + paddedPower
  }
}

extension DecimalNumber {
  /// `value` rounded to `significantDigits`, or `nil` when it is not finite or its
  /// magnitude is too extreme to scale safely (below 1e-290 or above 1e290, except zero).
  init?(_ value: Double, significantDigits: Int) {
    guard value.isFinite else { return nil }
    if value == 0 {
      self.init(mantissa: 0, exponent: 0)
      return
    }
    let logarithm = log10(value.magnitude).rounded(.down)
    guard logarithm.isFinite, logarithm > -290, logarithm < 290 else { return nil }
    let scaleExponent = Int(logarithm) - (significantDigits - 1)
    guard let scale = Double("1e\(scaleExponent)"), scale > 0 else { return nil }
    let scaled = (value / scale).rounded()
    guard scaled.isFinite, scaled.magnitude < 1e15 else { return nil }
    self.init(mantissa: Int(scaled), exponent: scaleExponent)
    self = normalized
  }
}

/// Number formatting for labels and tooltips (never produces `nan` or `inf`).
enum NumberFormat {
  /// The typographic minus sign used in visible text.
  static let minus = "\u{2212}"

  /// `value` to `significantDigits` significant digits without trailing zeros, in fixed
  /// notation when its decimal exponent is from -4 to `significantDigits - 1` and in
  /// scientific notation otherwise, like C's `%g`.
  static func significant(_ value: Double, digits significantDigits: Int = 5, minus: String = minus)
    -> String
  {
    guard value.isFinite else { return value.isNaN ? "NA" : (value < 0 ? minus + "∞" : "∞") }
    guard let decimal = DecimalNumber(value, significantDigits: significantDigits) else {
      // Extreme magnitudes: Swift's shortest round-tripping form (`1e-300`).
      return value.description.map { $0 == "-" ? minus : String($0) }.joined()
    }
    let lead = decimal.leadingExponent
    if decimal.mantissa == 0 || (lead >= -4 && lead < significantDigits) {
      return decimal.fixed(decimals: max(-decimal.exponent, 0), minus: minus)
    }
    return decimal.scientific(decimals: decimal.scientificDecimals, minus: minus)
  }

  /// Labels for the ticks `values`, all multiples of one step, formatted alike: fixed
  /// notation with a common number of decimals when the values are between 1e-4 (the
  /// step) and 1e6, otherwise scientific notation with a common mantissa precision.
  static func tickLabels(_ values: [DecimalNumber]) -> [String] {
    let nonzero = values.filter { $0.mantissa != 0 }
    let smallestExponent = values.map(\.exponent).min() ?? 0
    let largestLead = nonzero.map(\.leadingExponent).max() ?? 0
    if smallestExponent >= -4 && largestLead < 6 {
      let decimals = max(-smallestExponent, 0)
      return values.map { $0.fixed(decimals: decimals, minus: minus) }
    }
    let decimals = nonzero.map(\.scientificDecimals).max() ?? 0
    return values.map { $0.scientific(decimals: decimals, minus: minus) }
  }

  /// An SVG coordinate: at most two decimals, no exponent, `0` for non-finite input.
  static func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = (value * 100).rounded()
    guard hundredths.magnitude < 1e15 else { return "0" }
    let number = DecimalNumber(mantissa: Int(hundredths), exponent: -2).normalized
    return number.fixed(decimals: max(-number.exponent, 0), minus: "-")
  }
}
