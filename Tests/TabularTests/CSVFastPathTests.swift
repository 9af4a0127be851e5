import Foundation
import TestSupport
import Testing

@testable import Tabular

/// The reader's fast paths — numbers parsed where they lie, eight digits at a time;
/// values gathered in blocks of rows; labels numbered by their bytes; only some columns
/// read — give exactly what the general parser and the plain reading give.
@Suite("CSV reader fast paths")
struct CSVFastPathTests {
  /// The numbers of column `name`, or `nil` when it is not numeric.
  static func numbers(_ table: DataTable, _ name: String) -> [Double]? {
    guard case .numeric(let values) = table[name] else { return nil }
    return values
  }

  /// What the general parser (checked against `Double(String)` elsewhere) gives.
  static func expected(_ text: String) -> Double? { DecimalParser.parse(text) }

  /// Texts at the edges of the fast path: digit counts around 7, 8, 16 and 19, leading
  /// zeros, bare points, signs, exponents, subnormals, halfway cases and overflow.
  static let edgeTexts: [String] = [
    "0", "-0", "+0", "00000", "0.0", "-0.0", "5.", ".5", "-.5", "+5.", "+.25", "007", "-007.50",
    "0.404160", "-0.404160", "1234567", "1234567.1234567", "-7654321.7654321", "12345678", "12345678.5",
    "1.12345678", "0.12345678901234567", "-0.84502801351084222", "1234567890123456789", "12345678901234567890",
    "123456789012345678901234", "0.0000000000000000000000000001", "000000000000000000001.5",
    "1.00000000000000000000000000001", "9007199254740992", "9007199254740993", "9007199254740995",
    "4503599627370496.5", "4503599627370497.5", "0.1", "0.2", "0.3", "1e5", "1E-5", "1e+05", "-1.5e-3", "2.5E10",
    "1e22", "1e23", "1e-22", "1e-23", "4.9406564584124654e-324", "2.4703282292062327e-324",
    "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072014e-308", "1.7976931348623157e308",
    "1.7976931348623158e308", "1.7976931348623159e308", "1e400", "-1e400", "1e-400", "0e999999999999",
    "9999999", "99999999", "0.9999999", "0.99999999", "9999999.9999999",
  ]

  /// Random numeric texts in every form of the grammar.
  static func randomTexts(count: Int, seed: UInt64) -> [String] {
    var rng = SplitMix64(seed: seed)
    func digits(_ k: Int) -> String { String((0..<k).map { _ in Character(String(rng.next() % 10)) }) }
    var texts: [String] = []
    while texts.count < count {
      var text = ["", "-", "+", "-"][Int(rng.next() % 4)]
      let integer = digits(Int(rng.next() % 23) * (rng.next() % 3 == 0 ? 0 : 1))
      text += integer
      var hasDigit = !integer.isEmpty
      if rng.next() % 4 != 0 {
        let fraction = digits(Int(rng.next() % 23))
        hasDigit = hasDigit || !fraction.isEmpty
        text += "." + fraction
      }
      guard hasDigit else { continue }
      if rng.next() % 5 == 0 {
        text += (rng.next() % 2 == 0 ? "e" : "E") + ["", "-", "+"][Int(rng.next() % 3)] + String(rng.next() % 400)
      }
      texts.append(text)
    }
    return texts
  }

  @Test func numbersMatchTheGeneralParser() throws {
    let texts = Self.edgeTexts + Self.randomTexts(count: 20_000, seed: 0xFA57)
    // Several per row, LF and CRLF, the last field of the file without a line break.
    var csv = "a,b,c\n"
    var column: [String: [String]] = ["a": [], "b": [], "c": []]
    var k = 0
    while k + 3 <= texts.count {
      csv += "\(texts[k]),\(texts[k + 1]),\(texts[k + 2])" + (k % 2 == 0 ? "\n" : "\r\n")
      column["a", default: []].append(texts[k])
      column["b", default: []].append(texts[k + 1])
      column["c", default: []].append(texts[k + 2])
      k += 3
    }
    csv.removeLast()  // no line break at the very end
    if csv.hasSuffix("\r") { csv.removeLast() }
    let table = try DataTable(csv: csv)
    for name in ["a", "b", "c"] {
      let values = try #require(Self.numbers(table, name))
      let wanted = column[name, default: []]
      #expect(values.count == wanted.count)
      var mismatches: [String] = []
      for (value, text) in zip(values, wanted) where value.bitPattern != Self.expected(text)?.bitPattern {
        mismatches.append("\(text) → \(value)")
      }
      #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(10))")
    }
  }

  /// Each text alone at the end of the input (where fewer than eight bytes may follow),
  /// with and without a line break, and before a delimiter.
  @Test func numbersAtTheEndOfTheInput() throws {
    for text in Self.edgeTexts + Self.randomTexts(count: 300, seed: 17) {
      for csv in ["x\n\(text)", "x\n\(text)\n", "x\r\n\(text)\r\n", "x,y\n\(text),1", "y,x\n1,\(text)"] {
        let table = try DataTable(csv: csv)
        let value = try #require(Self.numbers(table, "x")?.first, "\(csv.debugDescription)")
        #expect(value.bitPattern == Self.expected(text)?.bitPattern, "\(csv.debugDescription) → \(value)")
      }
    }
  }

  /// Text in a numeric-looking column — after a number prefix, with spaces, quoted,
  /// `inf`, `nan` — is handled as by the general reader.
  @Test func fieldsOutsideTheFastPath() throws {
    let table = try DataTable(csv: "a,b,c,d,e,f\n 1.5,\"2.5\",1.5 ,nan,1,1e5\n2,3,4,NA,inf,1e\n")
    #expect(Self.numbers(table, "a") == [1.5, 2])
    #expect(Self.numbers(table, "b") == [2.5, 3])
    #expect(Self.numbers(table, "c") == [1.5, 4])
    #expect(Self.numbers(table, "d")?.allSatisfy(\.isNaN) == true)
    #expect(table["e"] == .categorical(CategoricalColumn(labels: ["1", "inf"])))
    #expect(table["f"] == .categorical(CategoricalColumn(labels: ["1e5", "1e"])))
    // A number followed by more text in the same field is text.
    let words = try DataTable(csv: "x\n1.5\n1.5abc\n12345678901234567890x\n-0.404160-\n")
    #expect(words["x"] == .categorical(CategoricalColumn(labels: ["1.5", "1.5abc", "12345678901234567890x", "-0.404160-"])))
    // A missing token that reads as a number is missing, not a number.
    let sentinel = try DataTable(csv: "x\n-999\n1.25\n", options: CSVOptions(missingTokens: ["-999"]))
    #expect(Self.numbers(sentinel, "x")?.first?.isNaN == true)
    #expect(Self.numbers(sentinel, "x")?.last == 1.25)
  }

  /// A column that turns to text after several blocks of rows keeps every earlier row's
  /// text; the other columns and the source lines are whole.
  @Test(arguments: [1, 1023, 1024, 1025, 2500])
  func columnTurningToTextAfterSomeBlocks(at switchRow: Int) throws {
    var csv = "a,b,c\n"
    var labels: [String] = []
    for i in 0..<3000 {
      let b = i == switchRow ? "word" : "\(i).25"
      labels.append(b)
      csv += "\(i),\(b),-\(i).5\n"
      if i % 700 == 0 { csv += "\n" }
    }
    let table = try DataTable(csv: csv)
    #expect(Self.numbers(table, "a") == (0..<3000).map(Double.init))
    #expect(Self.numbers(table, "c") == (0..<3000).map { -Double($0) - 0.5 })
    #expect(table["b"] == .categorical(CategoricalColumn(labels: labels)))
    #expect(table.sourceLines?.count == 3000)
    #expect(table.sourceLines?.last == 3000 + 1 + 5)  // header, then five blank lines
  }

  /// Labels are told apart by their bytes and then by `String` equality, as before:
  /// canonically equivalent spellings are one level (spelt as first seen).
  @Test func labelsAreInternedByBytes() throws {
    let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
    let table = try DataTable(csv: "g\n\(composed)\nb\n\(decomposed)\n\"b\"\nNA\nlong label with more than eight bytes\n")
    guard case .categorical(let g) = try #require(table["g"]) else {
      Issue.record("g should be categorical")
      return
    }
    #expect(g.levels.count == 3)
    #expect(g.levels.contains(composed))
    #expect(g.codes.count == 6)
    #expect(g.codes[0] == g.codes[2])
    #expect(g.codes[1] == g.codes[3])
    #expect(g.codes[4] == -1)
    #expect(g.levels[Int(g.codes[5])] == "long label with more than eight bytes")
    // Many levels (the hash table grows).
    let many = (0..<5000).map { "level-\($0 % 1234)" }
    let big = try DataTable(csv: "g\n" + many.joined(separator: "\n"))
    #expect(big["g"] == .categorical(CategoricalColumn(labels: many)))
  }

  @Test func onlySelectedColumnsAreRead() throws {
    let csv = "a,b,c,g\n1,x,2.5,u\n3,y,-1,v\n"
    let table = try DataTable(csv: csv, options: CSVOptions(columns: ["c", "a"]))
    #expect(table.columnNames == ["a", "c"])
    #expect(Self.numbers(table, "a") == [1, 3])
    #expect(Self.numbers(table, "c") == [2.5, -1])
    #expect(table.sourceLines == [2, 3])
    let labels = try DataTable(csv: csv, options: CSVOptions(columns: ["g"]))
    #expect(labels.columnNames == ["g"])
    #expect(labels["g"] == .categorical(CategoricalColumn(labels: ["u", "v"])))
    let none = try DataTable(csv: csv, options: CSVOptions(columns: []))
    #expect(none.columnNames.isEmpty)
  }

  @Test func selectedColumnsStillReportErrorsWhereTheyAre() {
    #expect(throws: CSVError.unknownColumn("aa", suggestion: "a")) {
      try DataTable(csv: "a,b\n1,2\n", options: CSVOptions(columns: ["a", "aa"]))
    }
    #expect(throws: CSVError.unknownColumn("zzz", suggestion: nil)) {
      try DataTable(csv: "a,b\n1,2\n", options: CSVOptions(columns: ["zzz"]))
    }
    // Errors in the skipped columns are still found, with their place.
    #expect(throws: CSVError.raggedRow(line: 3, fields: 3, expected: 2)) {
      try DataTable(csv: "a,b\n1,2\n3,4,5\n", options: CSVOptions(columns: ["a"]))
    }
    #expect(throws: CSVError.unexpectedQuote(line: 2, column: 4)) {
      try DataTable(csv: "a,b\n1,x\"y\n", options: CSVOptions(columns: ["a"]))
    }
    #expect(throws: CSVError.unterminatedQuote(line: 3, column: 3)) {
      try DataTable(csv: "a,b\n1,2\n3,\"4\n", options: CSVOptions(columns: ["a"]))
    }
    #expect(CSVError.unknownColumn("aa", suggestion: "a").description == "no column named 'aa' in the header; did you mean 'a'?")
    #expect(CSVError.unknownColumn("aa", suggestion: "a").location?.line == 1)
  }

  /// Reading on one core or on several gives the same table, here with quoted fields,
  /// CRLF and numbers across stretch ends.
  @Test func parallelOptionDoesNotChangeTheTable() throws {
    var csv = "x,\"g\",y\r\n"
    var rng = SplitMix64(seed: 3)
    for i in 0..<4000 {
      csv += "\(Double(Int(rng.next() % 2_000_001)) / 1000 - 1000),\"g\(i % 13)\",\(i % 17 == 0 ? "" : String(i))\r\n"
    }
    let serial = try DataTable(csv: csv, options: CSVOptions(parallel: false))
    let parallel = try DataTable(csv: csv)
    #expect(serial.columnNames == parallel.columnNames)
    #expect(Self.numbers(serial, "x") == Self.numbers(parallel, "x"))
    #expect(Self.numbers(serial, "y")?.map(\.bitPattern) == Self.numbers(parallel, "y")?.map(\.bitPattern))
    #expect(serial["g"] == parallel["g"])
    #expect(serial.sourceLines == parallel.sourceLines)
  }
}
