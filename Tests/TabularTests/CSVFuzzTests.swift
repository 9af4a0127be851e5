import Tabular
import TestSupport
import Testing

/// Bytes that exercise the reader's corners: structure, numbers, missing tokens and
/// valid and invalid UTF-8.
private let alphabet: [UInt8] = Array(",\"\n\r\t a1.5e-+NA;x".utf8) + [0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF, 0x80, 0x00]

@Test func randomInputsNeverCrash() {
  var rng = SplitMix64(seed: 0xC5F)
  var tables = 0
  var errors = 0
  for iteration in 0..<20_000 {
    let length = Int(rng.next() % 64)
    let bytes: [UInt8] = (0..<length).map { _ in
      iteration % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))]
    }
    let delimiter: Character = iteration % 5 == 0 ? "\t" : ","
    do {
      let table = try DataTable(csvBytes: bytes, options: CSVOptions(delimiter: delimiter))
      #expect(table.sourceLines?.count == table.rowCount)
      for column in table.columns { #expect(column.count == table.rowCount) }
      tables += 1
    } catch {
      #expect(!error.description.isEmpty)
      errors += 1
    }
  }
  // Both outcomes must be exercised for the test to mean anything.
  #expect(tables > 300)
  #expect(errors > 1_000)
}

@Test func randomWellFormedTablesReadBack() throws {
  var rng = SplitMix64(seed: 42)
  // (text in the file, value: a number, a label, or missing)
  let cells: [(text: String, number: Double?, label: String?)] = [
    ("1", 1, "1"), ("-2.5", -2.5, "-2.5"), ("\"x,y\"", nil, "x,y"), ("NA", .nan, nil), ("", .nan, nil),
    ("\"a\"\"b\"", nil, "a\"b"), ("\"l1\nl2\"", nil, "l1\nl2"), ("7e3", 7000, "7e3"), ("z", nil, "z"),
    ("\"\"", .nan, nil), ("\" 3 \"", 3, " 3 "),
  ]
  for _ in 0..<500 {
    let width = Int(rng.next() % 4) + 1
    let rowCount = Int(rng.next() % 6)
    var text = (0..<width).map { "c\($0)" }.joined(separator: ",")
    var grid: [[Int]] = []
    for _ in 0..<rowCount {
      text += rng.next() % 2 == 0 ? "\n" : "\r\n"
      // An unquoted empty field alone on a line would be a blank line.
      let row = (0..<width).map { _ in Int(rng.next() % UInt64(cells.count - (width == 1 ? 1 : 0))) }
        .map { width == 1 && $0 == 4 ? cells.count - 1 : $0 }
      grid.append(row)
      text += row.map { cells[$0].text }.joined(separator: ",")
    }
    let table = try DataTable(csv: text)
    #expect(table.rowCount == rowCount)
    #expect(table.columnNames.count == width)
    for j in 0..<width {
      let column = grid.map { cells[$0[j]] }
      if column.allSatisfy({ $0.number != nil }) {
        let expected = column.map { $0.number ?? 0 }
        #expect(table.columns[j] == .numeric(expected) || expected.contains { $0.isNaN })
        guard case .numeric(let values) = table.columns[j] else {
          Issue.record("column \(j) of \(text.debugDescription) should be numeric")
          continue
        }
        #expect(values.map(\.isNaN) == expected.map(\.isNaN))
        #expect(zip(values, expected).allSatisfy { $0.isNaN || $0 == $1 })
      } else {
        #expect(
          table.columns[j] == .categorical(CategoricalColumn(labels: column.map(\.label))), "\(text.debugDescription)")
      }
    }
  }
}
