import Foundation
@testable import Tabular
import TestSupport
import Testing

/// The parallel reader gives exactly the serial reader's table — values, types, levels,
/// source lines — or declines (nil) so the serial reader runs (quotes, carriage returns);
/// errors name the first bad line of the file.
@Suite("CSV reading on several cores")
struct CSVParallelReadTests {
  /// A body of `rows` records with a numeric, a text and a sometimes-missing column.
  static func text(rows: Int, strayWordAt stray: Int? = nil, raggedAt ragged: Int? = nil) -> String {
    var lines = ["x,g,z"]
    var rng = SplitMix64(seed: 5)
    for i in 0..<rows {
      let x = Double(rng.next() % 1_000_000) / 997
      let g = "level\(rng.next() % 7)"
      let z = i % 11 == 0 ? "NA" : (i == stray ? "oops" : "\(Int(rng.next() % 100))")
      lines.append(i == ragged ? "\(x),\(g)" : "\(x),\(g),\(z)")
      if i % 97 == 0 { lines.append("") }  // blank lines are skipped but counted
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func parallel(_ text: String, cores: Int) throws(CSVError) -> DataTable? {
    let bytes = Array(text.utf8)
    let headerEnd = (bytes.firstIndex(of: UInt8(ascii: "\n")) ?? 0) + 1
    return try bytes.withUnsafeBufferPointer { all throws(CSVError) -> DataTable? in
      let body = UnsafeBufferPointer(rebasing: all[headerEnd...])
      return try CSVParallelRead.read(
        body, firstLine: 2, names: ["x", "g", "z"], kinds: [.numeric, .numeric, .numeric], delimiter: UInt8(ascii: ","),
        missing: MissingTokenMatcher(CSVOptions().missingTokens), cores: cores, minimumBytes: 0)
    }
  }

  /// Equal columns, NaN (missing) equal to NaN.
  static func same(_ a: Column?, _ b: Column?) -> Bool {
    switch (a, b) {
    case (.numeric(let x)?, .numeric(let y)?): return x.map(\.bitPattern) == y.map(\.bitPattern)
    case (.categorical(let x)?, .categorical(let y)?): return x == y
    default: return false
    }
  }

  @Test(arguments: [2, 3, 8])
  func matchesTheSerialReader(cores: Int) throws {
    let text = Self.text(rows: 5000)
    let serial = try DataTable(csv: text)
    let parallel = try #require(try Self.parallel(text, cores: cores))
    #expect(parallel.rowCount == serial.rowCount)
    #expect(parallel.columnNames == serial.columnNames)
    for name in serial.columnNames {
      #expect(Self.same(parallel[name], serial[name]), "column \(name) differs")
    }
    #expect(parallel.sourceLines == serial.sourceLines, "source lines differ")
  }

  /// A column that turns to text in a later stretch is text in all of them, with the
  /// earlier stretches' numbers read again as labels, as serially.
  @Test(arguments: [2, 3, 8])
  func aColumnThatTurnsToTextInOneStretchIsTextEverywhere(cores: Int) throws {
    for stray in [1, 2500, 4999] {
      let text = Self.text(rows: 5000, strayWordAt: stray)
      let serial = try DataTable(csv: text, options: CSVOptions(parallel: false))
      let parallel = try #require(try Self.parallel(text, cores: cores))
      guard case .categorical(let z) = try #require(parallel["z"]) else {
        Issue.record("z should be text after the stray word")
        return
      }
      #expect(z.levels.contains("oops"))
      for name in serial.columnNames {
        #expect(Self.same(parallel[name], serial[name]), "column \(name) differs (stray word at \(stray))")
      }
      #expect(parallel.sourceLines == serial.sourceLines)
    }
  }

  /// Labels spelt differently in different stretches (canonically equivalent) are one
  /// level, as serially; numbers end exactly at the stretch ends.
  @Test(arguments: [2, 3, 8])
  func labelsAndNumbersAcrossStretches(cores: Int) throws {
    var lines = ["x,g,z"]
    for i in 0..<3000 {
      let g = i < 1500 ? "caf\u{E9}" : (i % 2 == 0 ? "cafe\u{301}" : "b\(i % 3)")
      lines.append("\(Double(i) / 7),\(g),\(-i)")
    }
    let text = lines.joined(separator: "\n")  // no final line break
    let serial = try DataTable(csv: text, options: CSVOptions(parallel: false))
    let parallel = try #require(try Self.parallel(text, cores: cores))
    for name in serial.columnNames {
      #expect(Self.same(parallel[name], serial[name]), "column \(name) differs")
    }
    #expect(parallel.sourceLines == serial.sourceLines)
    guard case .categorical(let g) = try #require(parallel["g"]) else { return }
    #expect(g.levels.count == 4)
  }

  @Test func errorsNameTheFirstBadLineOfTheFile() throws {
    let text = Self.text(rows: 5000, raggedAt: 3000)
    var serialError: CSVError?
    do { _ = try DataTable(csv: text) } catch { serialError = error }
    var parallelError: CSVError?
    do { _ = try Self.parallel(text, cores: 4) } catch { parallelError = error }
    #expect(serialError != nil)
    #expect(parallelError == serialError)
  }

  @Test func quotesAndCarriageReturnsKeepTheSerialReader() throws {
    #expect(try Self.parallel("x\n1\n\"2\"\n", cores: 2) == nil)
    #expect(try Self.parallel("x\r\n1\r\n2\r\n", cores: 2) == nil)
  }
}
