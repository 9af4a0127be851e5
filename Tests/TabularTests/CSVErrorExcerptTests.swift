import Foundation
import Tabular
import Testing

/// The offending CSV line shown under an error, with a caret under the column.
@Suite("CSV error excerpts")
struct CSVErrorExcerptTests {
  func write(_ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("excerpt-\(UUID()).csv")
    try Data(bytes).write(to: url)
    return url.path
  }

  @Test func caretUnderTheColumn() throws {
    let path = try write(Array("a,b\n1,x\"y\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(CSVError.unexpectedQuote(line: 2, column: 4).sourceExcerpt(fileAtPath: path) == "  1,x\"y\n     ^")
  }

  @Test func linesEndAtLFCRLFAndCR() throws {
    let path = try write(Array("h\r\none\rtwo\nthree".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(CSVError.raggedRow(line: 2, fields: 1, expected: 2).sourceExcerpt(fileAtPath: path) == "  one")
    #expect(CSVError.raggedRow(line: 3, fields: 1, expected: 2).sourceExcerpt(fileAtPath: path) == "  two")
    #expect(CSVError.raggedRow(line: 4, fields: 1, expected: 2).sourceExcerpt(fileAtPath: path) == "  three")
    #expect(CSVError.raggedRow(line: 9, fields: 1, expected: 2).sourceExcerpt(fileAtPath: path) == nil)
  }

  @Test func longLinesShowAWindowAroundTheColumn() throws {
    let path = try write(Array(("a,b\n1," + String(repeating: "x", count: 10_000) + "\"y\n").utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let excerpt = try #require(CSVError.unexpectedQuote(line: 2, column: 10_003).sourceExcerpt(fileAtPath: path))
    let lines = excerpt.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0].count <= CSVError.excerptWidth + 4)
    #expect(lines[0].hasPrefix("  …x"))
    let caret = try #require(Array(lines[1]).firstIndex(of: "^"))
    let text = Array(lines[0])
    #expect(caret < text.count && text[caret] == "\"")
  }

  @Test func invalidBytesAndControlCharactersStayPrintable() throws {
    let path = try write([0x79, 0x2C, 0x78, 0x0A, 0xFF, 0x09, 0x2C, 0x31, 0x0A])
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(CSVError.invalidUTF8(line: 2, column: 1).sourceExcerpt(fileAtPath: path) == "  \u{FFFD} ,1\n  ^")
  }

  @Test func errorsWithoutAPlaceHaveNoExcerpt() {
    #expect(CSVError.emptyInput.sourceExcerpt(fileAtPath: "/nonexistent") == nil)
    #expect(CSVError.unexpectedQuote(line: 1, column: 1).sourceExcerpt(fileAtPath: "/nonexistent/file.csv") == nil)
  }
}
