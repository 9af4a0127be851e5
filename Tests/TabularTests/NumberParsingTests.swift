import Foundation
import TestSupport
import Testing

@testable import Tabular

/// `%.17g` formatting of `x`, the shortest form guaranteed to round-trip.
private func g17(_ x: Double) -> String { String(format: "%.17g", x) }

@Test(arguments: [
  ("0", 0.0), ("-0", -0.0), ("+4", 4.0), ("1e-3", 1e-3), ("-2.5", -2.5), (".5", 0.5), ("5.", 5.0),
  ("  7  ", 7.0), ("1E5", 1e5), ("1e+5", 1e5), ("-.25e-2", -0.0025), ("007", 7.0),
  ("0.000001", 1e-6), ("123456789012345678901234567890", 1.2345678901234568e29),
  ("9007199254740993", 9007199254740992.0), ("1.7976931348623157e308", Double.greatestFiniteMagnitude),
  ("4.9406564584124654e-324", Double.leastNonzeroMagnitude), ("2.2250738585072014e-308", Double.leastNormalMagnitude),
  ("0.1", 0.1), ("1e22", 1e22), ("1e23", 1e23), ("-0.84502801351084222", -0.84502801351084222),
  ("0e999999999999", 0.0), ("1e-400", 0.0),
])
func parsesNumbers(text: String, expected: Double) {
  let value = DecimalParser.parse(text)
  #expect(value?.bitPattern == expected.bitPattern, "\(text) → \(String(describing: value))")
}

@Test func overflowBecomesInfinity() {
  #expect(DecimalParser.parse("1e400") == .infinity)
  #expect(DecimalParser.parse("-1e400") == -.infinity)
  #expect(DecimalParser.parse("1e99999999999999999999") == .infinity)
}

@Test(arguments: [
  "", " ", "+", "-", ".", "e5", "1e", "1e+", "inf", "Infinity", "nan", "NaN", "0x1p3", "1,234", "1.2.3",
  "--1", "+-1", "1 2", "1e5.5", "١", "1d", "1_000", "\t1", "1..", "..1", "e", "1ee5",
])
func rejectsNonNumbers(text: String) {
  #expect(DecimalParser.parse(text) == nil, "\(text) should not be a number")
}

@Test func roundTripsRandomDoubles() {
  var rng = SplitMix64(seed: 20_240_601)
  var failures: [String] = []
  for i in 0..<20_000 {
    let x: Double
    switch i % 4 {
    case 0: x = Double(bitPattern: rng.next())  // any bit pattern, incl. huge and tiny exponents
    case 1: x = Double.random(in: -1e6...1e6, using: &rng)
    case 2: x = Double(bitPattern: rng.next() & 0x800F_FFFF_FFFF_FFFF)  // subnormal
    default: x = Double(Int64(bitPattern: rng.next()) >> Int64.random(in: 0...63, using: &rng)) / 1000
    }
    guard x.isFinite else { continue }
    let text = g17(x)
    if DecimalParser.parse(text)?.bitPattern != x.bitPattern { failures.append(text) }
    let short = "\(x)"  // the standard library's shortest round-trip form
    if DecimalParser.parse(short)?.bitPattern != x.bitPattern { failures.append(short) }
  }
  #expect(failures.isEmpty, "not round-tripped: \(failures.prefix(10))")
}

@Test func fastPathMatchesStandardLibrary() {
  var rng = SplitMix64(seed: 7)
  var mismatches: [String] = []
  for _ in 0..<20_000 {
    let digits = String(rng.next() % 10_000_000_000_000_000)
    let exponent = Int.random(in: -30...30, using: &rng)
    let pointAt = Int.random(in: 0...digits.count, using: &rng)
    let text = "\(digits.prefix(pointAt)).\(digits.dropFirst(pointAt))e\(exponent)"
    let expected = Double(text)
    if DecimalParser.parse(text)?.bitPattern != expected?.bitPattern { mismatches.append(text) }
  }
  #expect(mismatches.isEmpty, "differ from Double(String): \(mismatches.prefix(10))")
}

@Test func roundTripsThroughCSV() throws {
  var rng = SplitMix64(seed: 99)
  var values: [Double] = []
  while values.count < 5_000 {
    let x = Double(bitPattern: rng.next())
    if x.isFinite { values.append(x) }
  }
  let csv = "x\n" + values.map { "\"\(g17($0))\"" }.joined(separator: "\n") + "\n"
  let table = try DataTable(csv: csv)
  guard case .numeric(let parsed) = table["x"] else {
    Issue.record("column x is not numeric")
    return
  }
  #expect(parsed.map(\.bitPattern) == values.map(\.bitPattern))
}

@Test func agreesWithStandardLibraryAcrossTheExponentRange() {
  var rng = SplitMix64(seed: 314_159)
  var mismatches: [String] = []
  for i in 0..<60_000 {
    let digitCount = 1 + i % 20
    var digits = String(1 + rng.next() % 9)
    for _ in 1..<digitCount { digits.append(Character(String(rng.next() % 10))) }
    let exponent = Int.random(in: -345...310, using: &rng)
    let text = i % 2 == 0 ? "\(digits)e\(exponent)" : "-0.\(digits)E\(exponent)"
    let expected = Double(text)
    if DecimalParser.parse(text)?.bitPattern != expected?.bitPattern { mismatches.append(text) }
  }
  // Exact halfway cases between adjacent doubles must round to even.
  for text in [
    "9007199254740993", "9007199254740995", "4503599627370496.5", "4503599627370497.5", "2.5e-324", "7.4e-324",
  ] {
    if DecimalParser.parse(text)?.bitPattern != Double(text)?.bitPattern { mismatches.append(text) }
  }
  #expect(mismatches.isEmpty, "differ from Double(String): \(mismatches.prefix(10))")
}
