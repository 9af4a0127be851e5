import Foundation
import Tabular
import Testing

/// The error thrown when reading `csv`, or `nil` when it reads.
private func error(reading csv: String, options: CSVOptions = CSVOptions()) -> CSVError? {
  do {
    _ = try DataTable(csv: csv, options: options)
    return nil
  } catch {
    return error
  }
}

/// The error thrown when reading `bytes`, or `nil` when they read.
private func error(reading bytes: [UInt8]) -> CSVError? {
  do {
    _ = try DataTable(csvBytes: bytes)
    return nil
  } catch {
    return error
  }
}

@Test func emptyInput() {
  #expect(error(reading: "") == .emptyInput)
  #expect(error(reading: [0xEF, 0xBB, 0xBF]) == .emptyInput)
  #expect(error(reading: "\n\r\n  \n") == .emptyInput)
  #expect(CSVError.emptyInput.description == "the file is empty")
}

@Test func invalidUTF8() {
  let bytes = Array("a,b\n1,x\n2,".utf8) + [0x79, 0xC3, 0x28] + Array("\n".utf8)
  let e = error(reading: bytes)
  #expect(e == .invalidUTF8(line: 3, column: 4))
  #expect(e?.description == "line 3, column 4: invalid UTF-8")
  // Overlong encoding, lone continuation byte, surrogate, truncated sequence at the end.
  #expect(error(reading: Array("a\n".utf8) + [0xC0, 0x80]) == .invalidUTF8(line: 2, column: 1))
  #expect(error(reading: Array("a\r\nb".utf8) + [0x80]) == .invalidUTF8(line: 2, column: 2))
  #expect(error(reading: Array("a\rbb".utf8) + [0xED, 0xA0, 0x80]) == .invalidUTF8(line: 2, column: 3))
  #expect(error(reading: Array("abcdefghijklmnop".utf8) + [0xF0, 0x9F]) == .invalidUTF8(line: 1, column: 17))
  #expect(error(reading: Array("x\n\"".utf8) + [0xFF] + Array("\"".utf8)) == .invalidUTF8(line: 2, column: 2))
}

@Test func unterminatedQuote() {
  let e = error(reading: "a,b\n1,2\n3,\"abc\n4,5\n")
  #expect(e == .unterminatedQuote(line: 3, column: 3))
  #expect(e?.description == "line 3, column 3: unterminated quoted field (opened here)")
  #expect(error(reading: "\"a") == .unterminatedQuote(line: 1, column: 1))
  #expect(error(reading: "a\n\"x\"\"") == .unterminatedQuote(line: 2, column: 1))
}

@Test func unexpectedQuote() {
  let e = error(reading: "a,b\n1,ab\"c\n")
  #expect(e == .unexpectedQuote(line: 2, column: 5))
  #expect(
    e?.description
      == "line 2, column 5: unexpected quote (a quoted field must be quoted as a whole; write \"\" for a quote inside it)"
  )
  // Text after the closing quote: the closing quote is reported.
  #expect(error(reading: "a,b\n1,\"ab\"c\n") == .unexpectedQuote(line: 2, column: 6))
  #expect(error(reading: "a,b\n\"x\ny\" ,2\n") == .unexpectedQuote(line: 3, column: 2))
}

@Test func raggedRow() {
  let e = error(reading: "a,b,c\n1,2,3\n\n1,2,3,4\n")
  #expect(e == .raggedRow(line: 4, fields: 4, expected: 3))
  #expect(e?.description == "line 4 has 4 fields, the header has 3")
  #expect(error(reading: "a,b,c\n1\n") == .raggedRow(line: 2, fields: 1, expected: 3))
  #expect(CSVError.raggedRow(line: 2, fields: 1, expected: 3).description == "line 2 has 1 field, the header has 3")
  #expect(error(reading: "a,b\n1,2,\n") == .raggedRow(line: 2, fields: 3, expected: 2))
  // A record spanning lines is reported at the line where it starts.
  #expect(error(reading: "a,b\n\"x\ny\",2,3\n") == .raggedRow(line: 2, fields: 3, expected: 2))
}

@Test func emptyColumnName() {
  let e = error(reading: "a,,c\n1,2,3\n")
  #expect(e == .emptyColumnName(column: 2))
  #expect(e?.description == "column 2 of the header has an empty name")
  #expect(error(reading: "a,b,\"\"\n") == .emptyColumnName(column: 3))
  #expect(error(reading: "a,b,\n") == .emptyColumnName(column: 3))
}

@Test func duplicateColumnName() {
  let e = error(reading: "y,x,z,x\n1,2,3,4\n")
  #expect(e == .duplicateColumnName("x", firstColumn: 2, secondColumn: 4))
  #expect(e?.description == "duplicate column name 'x' (columns 2 and 4)")
  // Names are kept exactly: " x" and "x" differ.
  #expect(error(reading: "x, x\n1,2\n") == nil)
}

@Test func invalidDelimiter() {
  for bad: Character in ["\"", "\n", "\r", "é"] {
    let e = error(reading: "a\n1\n", options: CSVOptions(delimiter: bad))
    #expect(e != nil && e == .invalidDelimiter(bad.asciiValue ?? 0xFF))
  }
  #expect(
    CSVError.invalidDelimiter(34).description
      == "invalid delimiter byte 34: it must be an ASCII character other than a quote or line break")
}

@Test func unreadableFile() {
  let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID()).csv").path
  #expect(throws: CSVError.fileNotReadable(path: missing, reason: "no such file")) {
    try DataTable(contentsOfCSVFile: missing)
  }
  #expect(
    CSVError.fileNotReadable(path: "d.csv", reason: "no such file").description
      == "cannot read file 'd.csv': no such file")
  let directory = FileManager.default.temporaryDirectory.path
  #expect(throws: CSVError.fileNotReadable(path: directory, reason: "it is a directory")) {
    try DataTable(contentsOfCSVFile: directory)
  }
}

@Test func emptyFile() throws {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvtest-empty-\(UUID()).csv")
  try Data().write(to: url)
  defer { try? FileManager.default.removeItem(at: url) }
  #expect(throws: CSVError.emptyInput) { try DataTable(contentsOfCSVFile: url.path) }
}
